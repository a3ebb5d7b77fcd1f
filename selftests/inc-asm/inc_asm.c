// SPDX-License-Identifier: GPL-2.0
/*
 * Two functions for the instruction-sequence check: one that only calls
 * call_counter_inc() on a static counter, one that only calls
 * this_cpu_inc() on a per-CPU u64. Built out of tree, never loaded.
 */
#include <linux/call_counter.h>
#include <linux/module.h>
#include <linux/percpu.h>

DEFINE_STATIC_CALL_COUNTER(inc_asm_counter, "inc_asm");
static DEFINE_PER_CPU(u64, inc_asm_plain);

noinline void inc_asm_call_counter(void)
{
	call_counter_inc(&inc_asm_counter);
}
EXPORT_SYMBOL_GPL(inc_asm_call_counter);

noinline void inc_asm_this_cpu(void)
{
	this_cpu_inc(inc_asm_plain);
}
EXPORT_SYMBOL_GPL(inc_asm_this_cpu);

/* A counter created at run time: one load of c->pcpu, then the same inc. */
noinline void inc_asm_call_counter_dyn(const struct call_counter *c)
{
	call_counter_inc(c);
}
EXPORT_SYMBOL_GPL(inc_asm_call_counter_dyn);

noinline void inc_asm_this_cpu_ptr(u64 __percpu *p)
{
	this_cpu_inc(*p);
}
EXPORT_SYMBOL_GPL(inc_asm_this_cpu_ptr);

MODULE_DESCRIPTION("call_counter_inc() vs this_cpu_inc() code comparison");
MODULE_LICENSE("GPL");
