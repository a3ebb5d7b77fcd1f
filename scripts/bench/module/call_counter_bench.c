// SPDX-License-Identifier: GPL-2.0
/*
 * Benchmark of call_counter_inc() against the alternatives, out of tree:
 * it measures other subsystems' primitives (atomic_long_t, percpu_counter,
 * the get_cpu() pattern, SPI's statistics update as it was before the
 * series), which is of no use to the series itself.
 *
 * mode=time   ns per increment of each method with the same loop, first on
 *             one CPU, then on 1..all online CPUs at once (a kthread bound
 *             to each CPU, started together).
 * mode=insns  single increments between two marker instructions with
 *             interrupts off, for the QEMU plugin scripts/bench/plugin/insn-count.c
 *             to count the instructions executed in between (x86_64 and
 *             arm64: the architectures bench_mark() has a marker for).
 * mode=read   cost of call_counter_read() and call_counter_read_cpu().
 *
 * Results are printed as "call_counter_bench: <mode> key=value ...".
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/call_counter.h>
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/irqflags.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/percpu_counter.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spi/spi.h>
#include <linux/timekeeping.h>
#include <linux/u64_stats_sync.h>

static char *mode = "time";
module_param(mode, charp, 0444);
MODULE_PARM_DESC(mode, "time, insns or read");
static unsigned long iters = 1000000;
module_param(iters, ulong, 0444);
MODULE_PARM_DESC(iters, "increments per CPU and method (time), reads (read)");
static unsigned int windows = 1000;
module_param(windows, uint, 0444);
MODULE_PARM_DESC(windows, "single-increment windows per method (insns)");

DEFINE_CALL_COUNTERS(bench_counter, 1);
static DEFINE_PER_CPU(u64, bench_this_cpu);
static DEFINE_PER_CPU(u64, bench_get_cpu);
static atomic_long_t bench_atomic;
static struct percpu_counter bench_pcc;

/*
 * SPI's statistics: a group per controller of SPI_STAT_NR counters, and
 * the structure and update of before the series (v7.3's
 * SPI_STATISTICS_INCREMENT_FIELD()), counting "transfers".
 */
static struct call_counters bench_spi;
struct bench_spi_old {
	struct u64_stats_sync syncp;
	u64_stats_t messages;
	u64_stats_t transfers;
	u64_stats_t other[25];
};
static struct bench_spi_old __percpu *bench_spi_old;

/*
 * The marker of a window, a no-op that carries @kind (0 opens a window,
 * 1 closes it) and the method's @id for the plugin to decode:
 *
 * x86_64: "nopl disp32(%rax)", disp32 = 0x4343 << 16 | kind << 8 | id.
 * arm64:  "movz xzr, #imm16, lsl #32" (a write to the zero register),
 *         imm16 = 0x43 << 8 | kind << 7 | id, so id < 128; the word is
 *         0xd2c0001f | imm16 << 5.
 *
 * Other architectures have no marker (and no decoder in the plugin), so
 * no mode=insns: add both rather than build a module that cannot count.
 */
#if defined(CONFIG_X86_64)
static __always_inline void bench_mark(const unsigned int kind, const unsigned int id)
{
	asm volatile("nopl %c0(%%rax)" : : "i" (0x43430000 | (kind << 8) | id) : "memory");
}
#elif defined(CONFIG_ARM64)
static __always_inline void bench_mark(const unsigned int kind, const unsigned int id)
{
	asm volatile("movz xzr, #%c0, lsl #32" : : "i" (0x4300 | (kind << 7) | id) : "memory");
}
#else
#error "call_counter_bench: no marker instruction for this architecture (x86_64 and arm64 only)"
#endif

/*
 * One loop function (timing) and one window function (instruction count)
 * per method, both built on the same inline operation.
 */
#define BENCH_METHOD(fn, id, stmt)				\
enum { bench_id_##fn = (id) };					\
static __always_inline void bench_op_##fn(void)			\
{								\
	stmt;							\
}								\
static noinline void bench_loop_##fn(unsigned long n)		\
{								\
	unsigned long i;					\
								\
	for (i = 0; i < n; i++)					\
		bench_op_##fn();				\
}								\
static noinline void bench_window_##fn(void)			\
{								\
	unsigned long flags;					\
								\
	local_irq_save(flags);					\
	bench_mark(0, bench_id_##fn);				\
	bench_op_##fn();					\
	bench_mark(1, bench_id_##fn);				\
	local_irq_restore(flags);				\
}

enum {
	BENCH_CALL_COUNTER,
	BENCH_THIS_CPU,
	BENCH_GET_CPU,
	BENCH_ATOMIC,
	BENCH_PERCPU_COUNTER,
	BENCH_SPI_OLD,
	BENCH_SPI_NEW,
	BENCH_NR,
	/* Marker pair with nothing in between: the plugin's zero. */
	BENCH_EMPTY = BENCH_NR,
};
/* Every id, the empty window's too, fits the arm64 marker's 7 bits. */
static_assert(BENCH_EMPTY < 128, "bench_mark(): a method id does not fit the marker");

BENCH_METHOD(call_counter, BENCH_CALL_COUNTER, call_counter_inc(&bench_counter, 0))
BENCH_METHOD(this_cpu, BENCH_THIS_CPU, this_cpu_inc(bench_this_cpu))
BENCH_METHOD(get_cpu, BENCH_GET_CPU,
	     { int cpu = get_cpu(); per_cpu(bench_get_cpu, cpu)++; put_cpu(); })
BENCH_METHOD(atomic, BENCH_ATOMIC, atomic_long_inc(&bench_atomic))
BENCH_METHOD(percpu_counter, BENCH_PERCPU_COUNTER, percpu_counter_add(&bench_pcc, 1))
BENCH_METHOD(spi_old, BENCH_SPI_OLD,
	     { struct bench_spi_old *s; get_cpu(); s = this_cpu_ptr(bench_spi_old);
	       u64_stats_update_begin(&s->syncp); u64_stats_inc(&s->transfers);
	       u64_stats_update_end(&s->syncp); put_cpu(); })
BENCH_METHOD(spi_new, BENCH_SPI_NEW, call_counter_inc(&bench_spi, SPI_STAT_TRANSFERS))
BENCH_METHOD(empty, BENCH_EMPTY, barrier())

static const struct {
	const char *name;
	void (*loop)(unsigned long n);
	void (*window)(void);
} bench_methods[] = {
	[BENCH_CALL_COUNTER] = { "call_counter_inc", bench_loop_call_counter,
				 bench_window_call_counter },
	[BENCH_THIS_CPU] = { "this_cpu_inc", bench_loop_this_cpu, bench_window_this_cpu },
	[BENCH_GET_CPU] = { "get_cpu_per_cpu", bench_loop_get_cpu, bench_window_get_cpu },
	[BENCH_ATOMIC] = { "atomic_long_inc", bench_loop_atomic, bench_window_atomic },
	[BENCH_PERCPU_COUNTER] = { "percpu_counter_add", bench_loop_percpu_counter,
				   bench_window_percpu_counter },
	[BENCH_SPI_OLD] = { "spi_stats_v7.3", bench_loop_spi_old, bench_window_spi_old },
	[BENCH_SPI_NEW] = { "spi_stats_call_counter", bench_loop_spi_new,
			    bench_window_spi_new },
	[BENCH_EMPTY] = { "empty", bench_loop_empty, bench_window_empty },
};

/* Increments issued per method, to check every method counted them all. */
static u64 bench_issued[BENCH_NR + 1];

struct bench_run {
	unsigned int method;
	atomic_t ready;
	atomic_t left;
	bool go;
	struct completion done;
};

struct bench_worker {
	struct bench_run *run;
	u64 ns;
};

static int bench_thread(void *arg)
{
	struct bench_worker *w = arg;
	struct bench_run *run = w->run;
	u64 t0;

	/* Warm the caches and the TCG translation of the loop. */
	bench_methods[run->method].loop(1000);
	atomic_inc(&run->ready);
	/* Pairs with the release in bench_time_one(): all start together. */
	while (!smp_load_acquire(&run->go))
		cpu_relax();
	t0 = ktime_get_ns();
	bench_methods[run->method].loop(iters);
	w->ns = ktime_get_ns() - t0;
	if (atomic_dec_and_test(&run->left))
		complete(&run->done);
	return 0;
}

/* Run @method on the first @ncpus online CPUs at once. */
static int bench_time_one(unsigned int method, unsigned int ncpus)
{
	struct bench_worker *workers;
	struct bench_run run = { .method = method };
	u64 sum = 0, max = 0;
	unsigned int i = 0, cpu;

	workers = kcalloc(ncpus, sizeof(*workers), GFP_KERNEL);
	if (!workers)
		return -ENOMEM;
	atomic_set(&run.left, ncpus);
	init_completion(&run.done);
	for_each_online_cpu(cpu) {
		struct task_struct *t;

		if (i == ncpus)
			break;
		workers[i].run = &run;
		t = kthread_create_on_cpu(bench_thread, &workers[i], cpu, "cc_bench/%u");
		if (IS_ERR(t)) {
			/* Started threads wait for go: release them first. */
			atomic_sub(ncpus - i, &run.left);
			/* Pairs with the acquire in bench_thread(). */
			smp_store_release(&run.go, true);
			if (i)
				wait_for_completion(&run.done);
			kfree(workers);
			return PTR_ERR(t);
		}
		wake_up_process(t);
		i++;
	}
	while (atomic_read(&run.ready) < ncpus)
		usleep_range(1000, 2000);
	/* Pairs with the acquire in bench_thread(). */
	smp_store_release(&run.go, true);
	wait_for_completion(&run.done);
	bench_issued[method] += (u64)ncpus * (iters + 1000);

	for (i = 0; i < ncpus; i++) {
		sum += workers[i].ns;
		max = max(max, workers[i].ns);
	}
	/* ns per increment: mean over CPUs; rate: all increments / slowest. */
	pr_info("time method=%s cpus=%u iters=%lu ns_per_inc=%llu.%03llu rate_per_s=%llu\n",
		bench_methods[method].name, ncpus, iters,
		div64_u64(sum, (u64)ncpus * iters),
		div64_u64(sum * 1000, (u64)ncpus * iters) % 1000,
		max ? div64_u64((u64)ncpus * iters * NSEC_PER_SEC, max) : 0);
	kfree(workers);
	return 0;
}

static int bench_time(void)
{
	unsigned int n, m;
	int ret;

	for (n = 1; n <= num_online_cpus(); n++) {
		for (m = 0; m < BENCH_NR; m++) {
			ret = bench_time_one(m, n);
			if (ret)
				return ret;
		}
	}
	return 0;
}

static int bench_insns(void)
{
	unsigned int m, i;

	/* Methods in a fixed order; the plugin reports by marker id. */
	for (m = 0; m <= BENCH_EMPTY; m++) {
		for (i = 0; i < windows; i++)
			bench_methods[m].window();
		if (m < BENCH_NR)
			bench_issued[m] += windows;
		pr_info("insns id=%u method=%s windows=%u\n", m,
			bench_methods[m].name, windows);
	}
	return 0;
}

static int bench_read(void)
{
	u64 t0, total_ns, cpu_ns, sink = 0;
	unsigned long i;

	t0 = ktime_get_ns();
	for (i = 0; i < iters; i++)
		sink += call_counter_read(&bench_counter, 0);
	total_ns = ktime_get_ns() - t0;
	t0 = ktime_get_ns();
	for (i = 0; i < iters; i++)
		sink += call_counter_read_cpu(&bench_counter, 0, 0);
	cpu_ns = ktime_get_ns() - t0;
	pr_info("read possible_cpus=%u online_cpus=%u reads=%lu read_ns=%llu read_cpu_ns=%llu sink=%llu\n",
		num_possible_cpus(), num_online_cpus(), iters,
		div64_u64(total_ns, iters), div64_u64(cpu_ns, iters), sink);
	return 0;
}

/* Every method must have counted every increment: else the figures lie. */
static int bench_check(void)
{
	u64 got[BENCH_NR];
	unsigned int m;
	int cpu, ret = 0;

	got[BENCH_CALL_COUNTER] = call_counter_read(&bench_counter, 0);
	got[BENCH_SPI_NEW] = call_counter_read(&bench_spi, SPI_STAT_TRANSFERS);
	got[BENCH_THIS_CPU] = 0;
	got[BENCH_GET_CPU] = 0;
	got[BENCH_SPI_OLD] = 0;
	for_each_possible_cpu(cpu) {
		got[BENCH_THIS_CPU] += per_cpu(bench_this_cpu, cpu);
		got[BENCH_GET_CPU] += per_cpu(bench_get_cpu, cpu);
		got[BENCH_SPI_OLD] +=
			u64_stats_read(&per_cpu_ptr(bench_spi_old, cpu)->transfers);
	}
	got[BENCH_ATOMIC] = atomic_long_read(&bench_atomic);
	got[BENCH_PERCPU_COUNTER] = percpu_counter_sum(&bench_pcc);
	for (m = 0; m < BENCH_NR; m++) {
		if (got[m] != bench_issued[m]) {
			pr_err("check method=%s counted %llu of %llu increments\n",
			       bench_methods[m].name, got[m], bench_issued[m]);
			ret = -EIO;
		}
	}
	if (!ret)
		pr_info("check ok: every method counted every increment\n");
	return ret;
}

static void bench_free(void)
{
	percpu_counter_destroy(&bench_pcc);
	call_counters_destroy(&bench_spi);
	free_percpu(bench_spi_old);
}

static int __init call_counter_bench_init(void)
{
	int ret, cpu;

	ret = percpu_counter_init(&bench_pcc, 0, GFP_KERNEL);
	if (!ret)
		ret = call_counters_init(&bench_spi, SPI_STAT_NR, GFP_KERNEL);
	bench_spi_old = alloc_percpu(struct bench_spi_old);
	if (!ret && !bench_spi_old)
		ret = -ENOMEM;
	if (ret) {
		bench_free();
		return ret;
	}
	for_each_possible_cpu(cpu)
		u64_stats_init(&per_cpu_ptr(bench_spi_old, cpu)->syncp);

	if (!strcmp(mode, "time"))
		ret = bench_time();
	else if (!strcmp(mode, "insns"))
		ret = bench_insns();
	else if (!strcmp(mode, "read"))
		ret = bench_read();
	else
		ret = -EINVAL;
	if (!ret)
		ret = bench_check();
	if (ret) {
		pr_err("mode=%s failed: %d\n", mode, ret);
		bench_free();
		return ret;
	}
	pr_info("%s done\n", mode);
	return 0;
}
module_init(call_counter_bench_init);

static void __exit call_counter_bench_exit(void)
{
	bench_free();
}
module_exit(call_counter_bench_exit);

MODULE_DESCRIPTION("Benchmark of per-CPU call counters against the alternatives");
MODULE_LICENSE("GPL");
