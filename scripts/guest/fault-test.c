// SPDX-License-Identifier: GPL-2.0
/*
 * Allocation failures in the setup paths of the call counters' test
 * module, tried one at a time with fault injection: for N = 1, 2, ...,
 * /proc/thread-self/fail-nth makes the Nth slab or page allocation of
 * this task fail (and nothing else), then one operation runs:
 *
 *  - init: finit_module() of test_call_counter.ko, counting only the
 *    allocations made with the module's code on the stack (the stack
 *    filter's range is the module area above the kernel image, x86_64):
 *    its init adds /sys/kernel/test_call_counter/, its files, per_cpu/;
 *  - loader: the same load, every allocation of the module loader, tried
 *    at N = 1, 2, 4, 8, ... (hundreds, most of them sysfs files of
 *    /sys/module/, each load waiting for a delayed kobject release);
 *  - read: open, read and close total and per_cpu/cpu0;
 *  - call: open call, write "7", close;
 *  - unload: delete_module().
 *
 * until the operation makes fewer allocations than N. A failed load must
 * return an error and leave no module and no directory behind; a failed
 * read or call must return an error; after each try the counts of the
 * loaded module must still be exact (total = the calls made by the writes
 * that succeeded = the sum of per_cpu/). Where each failure was injected
 * is printed from the kernel's fault report (the caller of the failed
 * allocation; __GFP_NOWARN allocations fail without one). Splats and
 * leaks (kmemleak) are judged by the host on the whole kernel log.
 */
#include "users.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>

#define NAME "test_call_counter"
#define DIR "/sys/kernel/" NAME
#define DEBUGFS "/sys/kernel/debug"
/* An operation with more allocations than this is a test bug. */
#define MAX_POINTS 4000

static int nth_fd, kmsg_fd, ko_fd;
static unsigned long long expected;
/* Where x86_64 puts modules: above the kernel image. */
static unsigned long module_area;

/* Sets FILE of fault attribute ATTR in debugfs. */
static void knob(const char *attr, const char *file, const char *val)
{
	char path[128];

	snprintf(path, sizeof(path), DEBUGFS "/%s/%s", attr, file);
	if (write_str(path, val))
		bail("cannot write %s to %s: is CONFIG_FAULT_INJECTION_DEBUG_FS on?", val, path);
}

/* Whatever the kernel logged since the last call is discarded. */
static void kmsg_skip(void)
{
	char rec[8192];
	ssize_t n;

	while ((n = read(kmsg_fd, rec, sizeof(rec))) > 0 || (n < 0 && errno == EPIPE))
		;
}

/* The allocator's own frames, above the caller that asked for memory. */
static int alloc_frame(const char *fn)
{
	static const char *const alloc[] = {
		"dump_stack", "should_fail", "__should_fail", "fail_dump",
		"slab_", "__slab_", "___slab_", "kmem_cache_alloc",
		"__kmem_cache", "__kmalloc", "kmalloc", "kzalloc", "kcalloc",
		"krealloc", "kvmalloc", "__kvmalloc", "kvzalloc", "kvcalloc",
		"kstrdup", "kstrndup", "kmemdup", "kvasprintf", "kasprintf",
		"prepare_alloc_pages", "__alloc_pages", "alloc_pages",
		"__alloc_frozen_pages", "alloc_frozen_pages", "__folio_alloc",
		"folio_alloc", "vm_area_alloc_pages", "__vmalloc", "vmalloc",
		"vzalloc", "allocate_slab", "new_slab", "alloc_slab_page",
	};
	size_t i;

	for (i = 0; i < sizeof(alloc) / sizeof(alloc[0]); i++)
		if (!strncmp(fn, alloc[i], strlen(alloc[i])))
			return 1;
	return 0;
}

/*
 * The first frames below the allocator in the log's fault report, e.g.
 * "kobject_create_and_add < test_call_counter_init [test_call_counter]",
 * or "?" when the report is missing.
 */
static void fault_site(char *site, size_t len)
{
	int in_report = 0, frames = 0;
	char rec[8192];
	ssize_t n;

	snprintf(site, len, "no report: a __GFP_NOWARN allocation");
	while ((n = read(kmsg_fd, rec, sizeof(rec) - 1)) > 0 || (n < 0 && errno == EPIPE)) {
		char *msg, *plus, *mod;

		if (n < 0)
			continue;
		rec[n] = 0;
		/* "level,seq,time,flags;text\n" */
		msg = strchr(rec, ';');
		if (!msg)
			continue;
		msg++;
		msg[strcspn(msg, "\n")] = 0;
		if (strstr(msg, "FAULT_INJECTION: forcing a failure")) {
			in_report = 1;
			continue;
		}
		if (strstr(msg, "</TASK>"))
			in_report = 0;
		/* A frame: " func+0x1/0x2 [module]"; "? " marks an unreliable one. */
		msg += strspn(msg, " ");
		plus = strstr(msg, "+0x");
		if (!in_report || frames == 3 || !plus || *msg == '?')
			continue;
		*plus = 0;
		if (alloc_frame(msg))
			continue;
		msg[strcspn(msg, ".")] = 0;
		mod = strchr(plus + 1, '[');
		if (!frames)
			site[0] = 0;
		snprintf(site + strlen(site), len - strlen(site), "%s%s%s%s",
			 frames ? " < " : "", msg, mod ? " " : "", mod ? mod : "");
		frames++;
	}
}

static int exists(const char *path)
{
	struct stat st;

	return !stat(path, &st);
}

static unsigned long long read_count(const char *file)
{
	char path[128];
	unsigned long long v;

	snprintf(path, sizeof(path), DIR "/%s", file);
	if (read_u64s(path, &v, 1) != 1)
		bail("%s: no number", path);
	return v;
}

/* The loaded module's counts: total as expected, per_cpu/ summing to it. */
static int counts_exact(void)
{
	unsigned long long total = read_count("total"), sum = 0;
	char file[32], path[64];
	int cpu;

	/* One file per possible CPU: cpu0 up to the first that is missing. */
	for (cpu = 0; cpu < MAX_CPUS; cpu++) {
		snprintf(file, sizeof(file), "per_cpu/cpu%d", cpu);
		snprintf(path, sizeof(path), DIR "/%s", file);
		if (!exists(path))
			break;
		sum += read_count(file);
	}
	if (cpu && total == expected && sum == expected)
		return 1;
	diag("counts: total %llu, per_cpu/ sum %llu over %d CPUs, expected %llu",
	     total, sum, cpu, expected);
	return 0;
}

static int load(void)
{
	return syscall(SYS_finit_module, ko_fd, "", 0);
}

static int unload(void)
{
	return syscall(SYS_delete_module, NAME, O_NONBLOCK);
}

static int read_files(void)
{
	static const char *const files[] = { DIR "/total", DIR "/per_cpu/cpu0" };
	char buf[64];
	size_t i;
	int fd;

	for (i = 0; i < 2; i++) {
		fd = open(files[i], O_RDONLY);
		if (fd < 0)
			return -1;
		if (read(fd, buf, sizeof(buf)) <= 0) {
			close(fd);
			return -1;
		}
		if (close(fd))
			return -1;
	}
	return 0;
}

static int call(void)
{
	int fd = open(DIR "/call", O_WRONLY);

	if (fd < 0)
		return -1;
	if (write(fd, "7", 1) != 1) {
		close(fd);
		return -1;
	}
	expected += 7;
	return close(fd);
}

/*
 * Set this task's fail-nth to n; then, after the operation, whether the
 * failure was injected (0 left), disarming it if not.
 */
static void arm(unsigned int n)
{
	char s[16];

	snprintf(s, sizeof(s), "%u", n);
	if (pwrite(nth_fd, s, strlen(s), 0) < 0)
		bail("cannot write /proc/thread-self/fail-nth");
}

static int injected(void)
{
	char s[16] = "";

	if (pread(nth_fd, s, sizeof(s) - 1, 0) <= 0)
		bail("cannot read /proc/thread-self/fail-nth");
	if (atoi(s) == 0)
		return 1;
	arm(0);
	return 0;
}

struct op {
	const char *name;
	int (*run)(void);
	int loaded;		/* the module is loaded before the operation */
	int module_only;	/* only allocations under the module's code */
	int sampled;		/* N = 1, 2, 4, ... rather than every N */
};

/* Fail only allocations with a caller in [start, end) on the stack. */
static void stack_filter(unsigned long start, unsigned long end)
{
	char s[32];

	snprintf(s, sizeof(s), "%#lx", start);
	knob("failslab", "require-start", s);
	knob("fail_page_alloc", "require-start", s);
	snprintf(s, sizeof(s), "%#lx", end);
	knob("failslab", "require-end", s);
	knob("fail_page_alloc", "require-end", s);
}

/* Above the kernel image: past its highest symbol in /proc/kallsyms. */
static unsigned long kernel_end(void)
{
	FILE *f = fopen("/proc/kallsyms", "r");
	unsigned long addr, end = 0;
	char line[256];

	if (!f)
		bail("cannot open /proc/kallsyms");
	/* A module's symbols end with "[module]". */
	while (fgets(line, sizeof(line), f))
		if (!strchr(line, '[') && sscanf(line, "%lx", &addr) == 1 && addr > end)
			end = addr;
	fclose(f);
	if (!end)
		bail("no addresses in /proc/kallsyms (kptr_restrict?)");
	return end + 1;
}

/*
 * One operation with allocation 1, 2, ... failing: returns the number of
 * failures that broke a rule.
 */
static int try_op(const struct op *op)
{
	int n, tries = 0, rc, err, bad = 0, failed = 0, tolerated = 0;
	char site[256];

	stack_filter(op->module_only ? module_area : 0, ~0UL);
	for (n = 1; n <= MAX_POINTS; n = op->sampled ? 2 * n : n + 1) {
		int now_loaded, was_injected;

		if (op->loaded != exists("/sys/module/" NAME)) {
			if (op->loaded ? load() : unload())
				bail("%s: cannot %s the module before try %d", op->name,
				     op->loaded ? "load" : "unload", n);
		}
		/* A module loaded by the operation starts from zero. */
		if (!op->loaded)
			expected = 0;
		kmsg_skip();
		arm(n);
		rc = op->run();
		err = errno;
		was_injected = injected();
		if (!was_injected) {
			if (rc)
				bail("%s: failed with no allocation failing", op->name);
			break;
		}
		tries++;
		fault_site(site, sizeof(site));
		now_loaded = exists("/sys/module/" NAME);
		if (rc) {
			failed++;
			diag("%s, allocation %d failed (%s): %s", op->name, n, site, strerror(err));
		} else {
			tolerated++;
			diag("%s, allocation %d failed (%s): tolerated, %s succeeded", op->name, n,
			     site, op->name);
		}
		if (rc && now_loaded && !op->loaded) {
			diag("%s, allocation %d: failed, but the module is loaded", op->name, n);
			bad++;
		}
		if (!now_loaded && exists(DIR)) {
			diag("%s, allocation %d: %s is left without the module", op->name, n, DIR);
			bad++;
		}
		if (now_loaded && !counts_exact()) {
			diag("%s, allocation %d: the counts are not exact", op->name, n);
			bad++;
		}
		/* A failed unload is a failure the module cannot report. */
		if (op->run == unload && now_loaded) {
			diag("%s, allocation %d: the module is still loaded", op->name, n);
			bad++;
		}
	}
	if (n > MAX_POINTS)
		bail("%s: more than %d allocations", op->name, MAX_POINTS);
	tap_result(!bad && tries, "%s: %d allocations failed in turn%s: %d errors, %d tolerated, %d broke a rule",
		   op->name, tries, op->sampled ? " (N = 1, 2, 4, ...)" : "", failed, tolerated, bad);
	return bad;
}

int main(void)
{
	static const struct op ops[] = {
		{ "init", load, 0, 1, 0 },
		{ "loader", load, 0, 0, 1 },
		{ "read", read_files, 1, 0, 0 },
		{ "call", call, 1, 0, 0 },
		{ "unload", unload, 1, 0, 0 },
	};
	struct utsname u;
	char path[256];
	size_t i;

	printf("TAP version 13\n");
	if (uname(&u))
		bail("uname");
	snprintf(path, sizeof(path), "/lib/modules/%s/kernel/lib/" NAME ".ko", u.release);
	ko_fd = open(path, O_RDONLY);
	if (ko_fd < 0)
		bail("cannot open %s", path);
	nth_fd = open("/proc/thread-self/fail-nth", O_RDWR);
	if (nth_fd < 0)
		bail("cannot open /proc/thread-self/fail-nth: is CONFIG_FAULT_INJECTION on?");
	kmsg_fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	if (kmsg_fd < 0)
		bail("cannot open /dev/kmsg");
	lseek(kmsg_fd, 0, SEEK_END);
	/*
	 * Any allocation may fail, sleeping and order 0 too, and each
	 * failure reports its stack; nothing fails without a fail-nth.
	 */
	knob("failslab", "ignore-gfp-wait", "N");
	knob("fail_page_alloc", "ignore-gfp-wait", "N");
	knob("fail_page_alloc", "ignore-gfp-highmem", "N");
	knob("fail_page_alloc", "min-order", "0");
	knob("failslab", "verbose", "2");
	knob("fail_page_alloc", "verbose", "2");
	if (exists("/sys/module/" NAME) && unload())
		bail("cannot unload %s", NAME);
	module_area = kernel_end();

	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		try_op(&ops[i]);
	if (exists("/sys/module/" NAME) && unload())
		bail("cannot unload %s at the end", NAME);
	return tap_end();
}
