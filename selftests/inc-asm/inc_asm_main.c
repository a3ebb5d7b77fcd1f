// SPDX-License-Identifier: GPL-2.0
/*
 * Functions for the instruction-sequence check: each one that counts with
 * a call counter has a twin that does the same with a bare this_cpu
 * operation on a per-CPU u64 array. Built out of tree, never loaded.
 */
#include <linux/call_counter.h>
#include <linux/module.h>
#include <linux/percpu.h>

DEFINE_CALL_COUNTERS(inc_asm_counters, 3);
static DEFINE_PER_CPU(u64 [3], inc_asm_plain);

noinline void inc_asm_call_counter(void)
{
	call_counter_inc(&inc_asm_counters, 1);
}
EXPORT_SYMBOL_GPL(inc_asm_call_counter);

noinline void inc_asm_this_cpu(void)
{
	this_cpu_inc(inc_asm_plain[1]);
}
EXPORT_SYMBOL_GPL(inc_asm_this_cpu);

noinline void inc_asm_call_counter_add(void)
{
	call_counter_add(&inc_asm_counters, 2, 42);
}
EXPORT_SYMBOL_GPL(inc_asm_call_counter_add);

noinline void inc_asm_this_cpu_add(void)
{
	this_cpu_add(inc_asm_plain[2], 42);
}
EXPORT_SYMBOL_GPL(inc_asm_this_cpu_add);

/* A group set up at run time: one load of cc->count, then the same inc. */
noinline void inc_asm_call_counter_dyn(const struct call_counters *cc)
{
	call_counter_inc(cc, 0);
}
EXPORT_SYMBOL_GPL(inc_asm_call_counter_dyn);

noinline void inc_asm_this_cpu_ptr(u64 __percpu *p)
{
	this_cpu_inc(*p);
}
EXPORT_SYMBOL_GPL(inc_asm_this_cpu_ptr);

MODULE_DESCRIPTION("call_counter_inc() vs this_cpu_inc() code comparison");
MODULE_LICENSE("GPL");
