// SPDX-License-Identifier: GPL-2.0
/*
 * QEMU TCG plugin: counts the guest instructions executed between the
 * marker instructions of call_counter_bench.ko (mode=insns).
 *
 * A marker is a no-op that carries a kind (0 opens a window, 1 closes it)
 * and a method id: on x86_64 "nopl 0x4343KKMM(%rax)" (kind KK, id MM), on
 * arm64 "movz xzr, #imm16, lsl #32" with imm16 = 0x43 << 8 | kind << 7 | id.
 * The target QEMU names at install picks the decoder (the other's byte
 * patterns can be real instructions); both hand on_marker() the x86_64
 * form 0x4343KKMM. Every instruction adds one to a counter (inline TCG
 * op, cheap); a marker's callback reads it. Run the guest with one vCPU: the
 * counter is global, and the module keeps interrupts off in a window, so
 * nothing else runs between two markers. The constant cost of the markers
 * themselves is measured by the module's empty window and subtracted by
 * the report script.
 *
 * Usage: -plugin insn-count.so,out=FILE
 * FILE gets one line per method: "id windows sum min max".
 *
 * Debian's QEMU (7.2) installs no qemu-plugin.h: the part of its plugin
 * API (version 1) used here is declared below.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef uint64_t qemu_plugin_id_t;
/* Its first member in every API version; the rest is not used here. */
typedef struct qemu_info_t {
	const char *target_name;
} qemu_info_t;
struct qemu_plugin_tb;
struct qemu_plugin_insn;
enum qemu_plugin_cb_flags { QEMU_PLUGIN_CB_NO_REGS };
enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 };

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id,
		void (*cb)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb));
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
struct qemu_plugin_insn *qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *tb,
						 size_t idx);
const void *qemu_plugin_insn_data(const struct qemu_plugin_insn *insn);
size_t qemu_plugin_insn_size(const struct qemu_plugin_insn *insn);
void qemu_plugin_register_vcpu_insn_exec_inline(struct qemu_plugin_insn *insn,
		enum qemu_plugin_op op, void *ptr, uint64_t imm);
void qemu_plugin_register_vcpu_insn_exec_cb(struct qemu_plugin_insn *insn,
		void (*cb)(unsigned int vcpu_index, void *userdata),
		enum qemu_plugin_cb_flags flags, void *userdata);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id,
		void (*cb)(qemu_plugin_id_t id, void *userdata), void *userdata);
void qemu_plugin_outs(const char *string);

__attribute__((visibility("default"))) int qemu_plugin_version = 1;

#define MARK_MAGIC 0x4343u
#define MARK_IDS 256

static uint64_t executed;
static const char *out_path;

static struct {
	uint64_t start;
	uint64_t windows;
	uint64_t sum;
	uint64_t min;
	uint64_t max;
	int open;
} marks[MARK_IDS];

static void on_marker(unsigned int vcpu_index, void *userdata)
{
	uint32_t disp = (uint32_t)(uintptr_t)userdata;
	unsigned int id = disp & 0xff;
	uint64_t n;

	(void)vcpu_index;
	if (!(disp & 0xff00)) {
		marks[id].start = executed;
		marks[id].open = 1;
		return;
	}
	if (!marks[id].open)
		return;
	marks[id].open = 0;
	n = executed - marks[id].start;
	if (!marks[id].windows || n < marks[id].min)
		marks[id].min = n;
	if (n > marks[id].max)
		marks[id].max = n;
	marks[id].sum += n;
	marks[id].windows++;
}

/* nopl disp32(%rax): 0f 1f 80 followed by the little-endian displacement. */
static int marker_x86_64(const struct qemu_plugin_insn *insn, uint32_t *disp)
{
	const uint8_t *b = qemu_plugin_insn_data(insn);

	if (qemu_plugin_insn_size(insn) != 7 || b[0] != 0x0f || b[1] != 0x1f ||
	    b[2] != 0x80)
		return 0;
	*disp = b[3] | b[4] << 8 | b[5] << 16 | (uint32_t)b[6] << 24;
	return *disp >> 16 == MARK_MAGIC && (*disp & 0xff00) <= 0x100;
}

/*
 * movz xzr, #imm16, lsl #32: the 64-bit MOVZ (sf=1, opc=10) with hw=2 and
 * Rd=31, 0xd2c0001f | imm16 << 5, a little-endian word (A64 instructions
 * are, whatever the data endianness). imm16: 0x43, the kind, the id.
 */
#define A64_MOVZ_XZR_LSL32 0xd2c0001fu
#define A64_MOVZ_MASK 0xffe0001fu

static int marker_arm64(const struct qemu_plugin_insn *insn, uint32_t *disp)
{
	const uint8_t *b = qemu_plugin_insn_data(insn);
	uint32_t word, imm16;

	if (qemu_plugin_insn_size(insn) != 4)
		return 0;
	word = b[0] | b[1] << 8 | b[2] << 16 | (uint32_t)b[3] << 24;
	if ((word & A64_MOVZ_MASK) != A64_MOVZ_XZR_LSL32)
		return 0;
	imm16 = word >> 5 & 0xffff;
	if (imm16 >> 8 != (MARK_MAGIC & 0xff))
		return 0;
	*disp = MARK_MAGIC << 16 | (imm16 >> 7 & 1) << 8 | (imm16 & 0x7f);
	return 1;
}

/* The decoder of the guest's architecture, set at install. */
static int (*marker_of)(const struct qemu_plugin_insn *insn, uint32_t *disp);

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	size_t i, n = qemu_plugin_tb_n_insns(tb);

	(void)id;
	for (i = 0; i < n; i++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
		uint32_t disp;

		qemu_plugin_register_vcpu_insn_exec_inline(insn,
				QEMU_PLUGIN_INLINE_ADD_U64, &executed, 1);
		if (marker_of(insn, &disp))
			qemu_plugin_register_vcpu_insn_exec_cb(insn, on_marker,
					QEMU_PLUGIN_CB_NO_REGS,
					(void *)(uintptr_t)disp);
	}
}

static void on_exit(qemu_plugin_id_t id, void *userdata)
{
	FILE *f = fopen(out_path, "w");
	unsigned int i;

	(void)id;
	(void)userdata;
	if (!f) {
		qemu_plugin_outs("insn-count: cannot write the out= file\n");
		return;
	}
	for (i = 0; i < MARK_IDS; i++)
		if (marks[i].windows)
			fprintf(f, "%u %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 "\n",
				i, marks[i].windows, marks[i].sum, marks[i].min,
				marks[i].max);
	fclose(f);
}

__attribute__((visibility("default")))
int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info,
			int argc, char **argv)
{
	const char *target = info && info->target_name ? info->target_name : "?";
	char msg[128];
	int i;

	if (!strcmp(target, "x86_64")) {
		marker_of = marker_x86_64;
	} else if (!strcmp(target, "aarch64")) {
		marker_of = marker_arm64;
	} else {
		snprintf(msg, sizeof(msg),
			 "insn-count: no marker decoder for target %s (x86_64, aarch64)\n",
			 target);
		qemu_plugin_outs(msg);
		return -1;
	}
	for (i = 0; i < argc; i++)
		if (!strncmp(argv[i], "out=", 4))
			out_path = argv[i] + 4;
	if (!out_path) {
		qemu_plugin_outs("insn-count: usage: -plugin insn-count.so,out=FILE\n");
		return -1;
	}
	qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
	qemu_plugin_register_atexit_cb(id, on_exit, NULL);
	return 0;
}
