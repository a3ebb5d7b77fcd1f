/* SPDX-License-Identifier: GPL-2.0 */
/* The shared counter of the comparison, seen through its declaration. */
#include <linux/call_counter.h>

DECLARE_SHARED_CALL_COUNTER(inc_asm_shared);
