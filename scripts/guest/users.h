/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers of the guest's tests of the series' in-tree users: TAP output,
 * counters read from files, workers pinned to CPUs, CPU hotplug. Include
 * it first: it defines _GNU_SOURCE.
 */
#ifndef USERS_H
#define USERS_H

#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_CPUS 64

static int tap_n, tap_failed;

static inline void tap_result(int ok, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d ", ok ? "" : "not ", ++tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	if (!ok)
		tap_failed++;
}

static inline void diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

static inline __attribute__((noreturn)) void bail(const char *fmt, ...)
{
	va_list ap;

	printf("Bail out! ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(" (%s)\n", strerror(errno));
	exit(1);
}

/* Read the unsigned numbers of a file's first line; returns how many. */
static inline int read_u64s(const char *path, unsigned long long *v, int max)
{
	FILE *f = fopen(path, "r");
	int n = 0;

	if (!f)
		bail("cannot open %s", path);
	while (n < max && fscanf(f, "%llu", &v[n]) == 1)
		n++;
	fclose(f);
	return n;
}

static inline int write_str(const char *path, const char *s)
{
	FILE *f = fopen(path, "w");
	int ret;

	if (!f)
		return -1;
	ret = fputs(s, f) < 0 ? -1 : 0;
	if (fclose(f))
		ret = -1;
	return ret;
}

/* The online CPUs, in order; returns how many. */
static inline int online_cpus(int *cpus)
{
	cpu_set_t set;
	int cpu, n = 0;

	CPU_ZERO(&set);
	for (cpu = 0; cpu < MAX_CPUS; cpu++)
		CPU_SET(cpu, &set);
	/* The kernel trims a new affinity to the online CPUs. */
	if (sched_setaffinity(0, sizeof(set), &set))
		bail("sched_setaffinity");
	if (sched_getaffinity(0, sizeof(set), &set))
		bail("sched_getaffinity");
	for (cpu = 0; cpu < MAX_CPUS; cpu++)
		if (CPU_ISSET(cpu, &set))
			cpus[n++] = cpu;
	return n;
}

static inline int set_online(int cpu, int online)
{
	char path[64];

	snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%d/online", cpu);
	return write_str(path, online ? "1" : "0");
}

/*
 * Run work(cpu, arg) in a child pinned to each CPU of cpus[], all at
 * once; returns the number of children that failed (exit status != 0,
 * or not on their CPU).
 */
static inline int on_cpus(const int *cpus, int n, int (*work)(int cpu, void *arg), void *arg)
{
	pid_t pid[MAX_CPUS];
	int i, status, bad = 0;

	for (i = 0; i < n; i++) {
		pid[i] = fork();
		if (pid[i] < 0)
			bail("fork");
		if (pid[i] == 0) {
			cpu_set_t set;

			CPU_ZERO(&set);
			CPU_SET(cpus[i], &set);
			if (sched_setaffinity(0, sizeof(set), &set) ||
			    sched_getcpu() != cpus[i])
				_exit(2);
			_exit(work(cpus[i], arg) ? 1 : 0);
		}
	}
	for (i = 0; i < n; i++) {
		if (waitpid(pid[i], &status, 0) != pid[i])
			bail("waitpid");
		if (!WIFEXITED(status) || WEXITSTATUS(status)) {
			diag("worker on CPU %d failed (status 0x%x)", cpus[i], status);
			bad++;
		}
	}
	return bad;
}

static inline int tap_end(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif /* USERS_H */
