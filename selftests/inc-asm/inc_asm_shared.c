// SPDX-License-Identifier: GPL-2.0
/*
 * The other compilation unit: a counter defined in inc_asm_main.c with
 * DEFINE_SHARED_CALL_COUNTER(), and a per-CPU u64 defined there too, each
 * known here from a declaration only.
 */
#include <linux/module.h>
#include <linux/percpu.h>

#include "inc_asm.h"

DECLARE_PER_CPU(u64, inc_asm_plain_shared);
DEFINE_PER_CPU(u64, inc_asm_plain_shared);

noinline void inc_asm_call_counter_shared(void)
{
	call_counter_inc(&inc_asm_shared);
}
EXPORT_SYMBOL_GPL(inc_asm_call_counter_shared);

noinline void inc_asm_this_cpu_shared(void)
{
	this_cpu_inc(inc_asm_plain_shared);
}
EXPORT_SYMBOL_GPL(inc_asm_this_cpu_shared);
