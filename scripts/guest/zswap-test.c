// SPDX-License-Identifier: GPL-2.0
/*
 * zswap: workers pinned to every online CPU swap through zswap in one
 * memory cgroup whose memory.zswap.max is small, so that each worker's
 * stores write entries back to the swap device from its own CPU, all at
 * once. zswap's written_back_pages (debugfs) must grow by exactly as much
 * as the independent count of the same events, zswpwb in /proc/vmstat
 * (count_vm_event() in zswap_writeback_entry()).
 *
 * Needs a swap device the guest can use: /dev/ram0 (brd).
 */
#include "users.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/swap.h>

#define CG "/sys/fs/cgroup"
#define GROUP CG "/zswap-test"
#define WB_FILE "/sys/kernel/debug/zswap/written_back_pages"
#define SWAP_DEV "/dev/ram0"

static long mib_per_cpu = 16;

static unsigned long long vmstat(const char *name)
{
	FILE *f = fopen("/proc/vmstat", "r");
	unsigned long long v;
	char key[64];

	if (!f)
		bail("cannot open /proc/vmstat");
	while (fscanf(f, "%63s %llu", key, &v) == 2) {
		if (!strcmp(key, name)) {
			fclose(f);
			return v;
		}
	}
	bail("no %s in /proc/vmstat (CONFIG_VM_EVENT_COUNTERS?)", name);
}

static unsigned long long written_back(void)
{
	unsigned long long v;

	if (read_u64s(WB_FILE, &v, 1) != 1)
		bail("%s: no number", WB_FILE);
	return v;
}

/*
 * Half of each page pseudo-random, half zero: it compresses to about
 * half a page, so that memory.zswap.max is reached after a few hundred
 * stores and the rest are written back.
 */
static unsigned long fill(unsigned long *p, unsigned long seed, size_t words)
{
	size_t i;

	for (i = 0; i < words; i++) {
		seed ^= seed << 13;
		seed ^= seed >> 7;
		seed ^= seed << 17;
		p[i] = seed;
	}
	return seed;
}

/* Fill the memory, then check it: the check faults it back in. */
static int swap_loop(int cpu, void *arg)
{
	size_t len = mib_per_cpu << 20, page = sysconf(_SC_PAGESIZE), off;
	size_t half = page / 2 / sizeof(unsigned long);
	unsigned long *mem, last[2];
	char pid[32];

	(void)arg;
	snprintf(pid, sizeof(pid), "%d", getpid());
	if (write_str(GROUP "/cgroup.procs", pid))
		return 1;
	mem = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED)
		return 1;
	for (off = 0; off < len; off += page)
		fill(mem + off / sizeof(*mem), off + cpu + 1, half);
	for (off = 0; off < len; off += page) {
		unsigned long *p = mem + off / sizeof(*mem);

		last[0] = p[half - 1];
		last[1] = fill(p, off + cpu + 1, half);
		if (last[0] != last[1])
			return 1;
	}
	return munmap(mem, len);
}

static void setup(void)
{
	mkdir(CG, 0755);
	if (mount("cgroup2", CG, "cgroup2", 0, NULL) && errno != EBUSY)
		bail("mount cgroup2 on " CG);
	if (write_str(CG "/cgroup.subtree_control", "+memory"))
		bail("enable the memory controller");
	if (mkdir(GROUP, 0755) && errno != EEXIST)
		bail("mkdir " GROUP);
	if (write_str(GROUP "/memory.max", "8M") ||
	    write_str(GROUP "/memory.zswap.max", "1M"))
		bail("set the limits of " GROUP);
	if (system("mkswap " SWAP_DEV " >/dev/null && swapon " SWAP_DEV))
		bail("mkswap/swapon " SWAP_DEV);
	if (write_str("/sys/module/zswap/parameters/enabled", "Y"))
		bail("enable zswap");
}

int main(int argc, char **argv)
{
	unsigned long long wb0, ev0, wb, ev;
	int cpus[MAX_CPUS], n, bad;

	if (argc > 1)
		mib_per_cpu = atol(argv[1]);
	printf("TAP version 13\n");
	n = online_cpus(cpus);
	setup();

	wb0 = written_back();
	ev0 = vmstat("zswpwb");
	bad = on_cpus(cpus, n, swap_loop, NULL);
	wb = written_back() - wb0;
	ev = vmstat("zswpwb") - ev0;

	diag("%d workers x %ld MiB: written_back_pages +%llu, zswpwb +%llu, zswpout +%llu",
	     n, mib_per_cpu, wb, ev, vmstat("zswpout"));
	tap_result(!bad, "zswap: %d workers swapped through zswap and read their data back", n);
	tap_result(ev > 0, "zswap: entries were written back (zswpwb +%llu)", ev);
	tap_result(wb == ev, "zswap: written_back_pages delta equals zswpwb delta");

	swapoff(SWAP_DEV);
	return tap_end();
}
