// SPDX-License-Identifier: GPL-2.0
/*
 * Multigrain timestamps: a known number of ctime updates on multigrain
 * tmpfs files, by workers pinned to every online CPU, with a CPU taken
 * offline and back between rounds, must show in
 * /sys/kernel/debug/multigrain_timestamps as exact deltas.
 *
 * Each worker has its own file and does fstat() before each fchmod(), so
 * that the query makes some updates take fine-grained stamps. On tmpfs a
 * chmod is exactly two ctime updates (setattr_copy() and shmem_setattr()
 * each make one); how many of them swap in a new value or take a fine
 * stamp depends on the clock, so those counts are only checked against
 * each other. The guest is quiet: nothing but this test changes a file while it runs
 * (init waits for it; the only other tasks are kernel threads), which the
 * first test checks over an idle second.
 */
#include "users.h"

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>

#define MG_FILE "/sys/kernel/debug/multigrain_timestamps"
#define DIR "/tmp/mgtime"

enum { UPDATES, SWAPS, FINE, FLOOR, NR_FIELDS };

/* ctime updates per fchmod() on tmpfs */
#define UPDATES_PER_OP 2

static long ops_per_cpu = 4000;

static void read_mg(unsigned long long *v)
{
	if (read_u64s(MG_FILE, v, NR_FIELDS) != NR_FIELDS)
		bail("%s: not 4 numbers", MG_FILE);
}

static int chmod_loop(int cpu, void *arg)
{
	char path[64];
	struct stat st;
	long i;
	int fd;

	(void)arg;
	snprintf(path, sizeof(path), DIR "/cpu%d", cpu);
	fd = open(path, O_RDWR);
	if (fd < 0)
		return 1;
	for (i = 0; i < ops_per_cpu; i++) {
		if (fstat(fd, &st) || fchmod(fd, (i & 1) ? 0600 : 0644))
			return 1;
	}
	return close(fd);
}

/* Round: every CPU in cpus[] does its chmods; returns the ctime updates. */
static long round_on(const int *cpus, int n, const char *what)
{
	int bad = on_cpus(cpus, n, chmod_loop, NULL);

	if (bad)
		bail("%s: %d worker(s) failed", what, bad);
	return UPDATES_PER_OP * ops_per_cpu * n;
}

static void check(const char *what, const unsigned long long *before, long expect)
{
	unsigned long long now[NR_FIELDS], d[NR_FIELDS];
	int i;

	read_mg(now);
	for (i = 0; i < NR_FIELDS; i++)
		d[i] = now[i] - before[i];
	diag("%s: deltas updates %llu swaps %llu fine %llu floor %llu, expected %ld updates",
	     what, d[UPDATES], d[SWAPS], d[FINE], d[FLOOR], expect);
	tap_result(d[UPDATES] == (unsigned long long)expect,
		   "multigrain %s: ctime updates counted exactly", what);
	tap_result(d[SWAPS] <= d[UPDATES] && d[FINE] <= d[UPDATES] && d[FLOOR] <= d[FINE],
		   "multigrain %s: swaps, fine stamps and floor swaps within bounds", what);
}

int main(int argc, char **argv)
{
	unsigned long long start[NR_FIELDS], idle[NR_FIELDS];
	int cpus[MAX_CPUS], rest[MAX_CPUS];
	int n, i, victim;
	long expect = 0;
	char path[64];

	if (argc > 1)
		ops_per_cpu = atol(argv[1]);
	printf("TAP version 13\n");
	n = online_cpus(cpus);
	if (n < 2)
		bail("needs 2 online CPUs, has %d", n);
	victim = cpus[n - 1];

	if (mkdir(DIR, 0755) && errno != EEXIST)
		bail("mkdir " DIR);
	if (mount("mgtime", DIR, "tmpfs", 0, NULL))
		bail("mount tmpfs on " DIR);
	for (i = 0; i < n; i++) {
		int fd;

		snprintf(path, sizeof(path), DIR "/cpu%d", cpus[i]);
		fd = open(path, O_RDWR | O_CREAT, 0644);
		if (fd < 0 || close(fd))
			bail("create %s", path);
	}

	read_mg(start);
	sleep(1);
	read_mg(idle);
	tap_result(!memcmp(start, idle, sizeof(start)),
		   "multigrain: no ctime update in an idle second (the guest is quiet)");

	expect += round_on(cpus, n, "all CPUs");
	check("round on all CPUs", start, expect);

	if (set_online(victim, 0))
		bail("taking CPU %d offline", victim);
	check("CPU offline", start, expect);
	expect += round_on(cpus, n - 1, "without the offline CPU");
	check("round without the offline CPU", start, expect);

	if (set_online(victim, 1))
		bail("bringing CPU %d online", victim);
	if (online_cpus(rest) != n)
		bail("CPU %d did not come back", victim);
	expect += round_on(cpus, n, "CPU back online");
	check("round after CPU online", start, expect);

	umount(DIR);
	return tap_end();
}
