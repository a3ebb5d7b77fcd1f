// SPDX-License-Identifier: GPL-2.0
/*
 * Times reads of one counter's sysfs files from user space, as a reader
 * such as a monitoring agent sees them: its "total", and one round over
 * every per_cpu/cpu* file. Files are opened once and re-read with pread()
 * at offset 0, which makes sysfs call show() again.
 *
 * usage: read-bench DIR ROUNDS
 * prints: read-bench possible=N total_ns=T per_cpu_round_ns=R per_cpu_file_ns=F
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_FILES 8192

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void read_once(int fd, const char *what)
{
	char buf[64];

	if (pread(fd, buf, sizeof(buf), 0) <= 0) {
		fprintf(stderr, "read-bench: reading %s: %s\n", what, strerror(errno));
		exit(1);
	}
}

int main(int argc, char **argv)
{
	static int fds[MAX_FILES];
	char path[4096];
	struct dirent *de;
	unsigned long rounds, r;
	uint64_t t0, total_ns, round_ns;
	int total, n = 0, i;
	DIR *d;

	if (argc != 3 || !(rounds = strtoul(argv[2], NULL, 10))) {
		fprintf(stderr, "usage: read-bench DIR ROUNDS\n");
		return 2;
	}
	snprintf(path, sizeof(path), "%s/total", argv[1]);
	total = open(path, O_RDONLY);
	if (total < 0) {
		fprintf(stderr, "read-bench: %s: %s\n", path, strerror(errno));
		return 1;
	}
	snprintf(path, sizeof(path), "%s/per_cpu", argv[1]);
	d = opendir(path);
	if (!d) {
		fprintf(stderr, "read-bench: %s: %s\n", path, strerror(errno));
		return 1;
	}
	while ((de = readdir(d)) && n < MAX_FILES) {
		if (strncmp(de->d_name, "cpu", 3))
			continue;
		snprintf(path, sizeof(path), "%s/per_cpu/%s", argv[1], de->d_name);
		fds[n] = open(path, O_RDONLY);
		if (fds[n] < 0) {
			fprintf(stderr, "read-bench: %s: %s\n", path, strerror(errno));
			return 1;
		}
		n++;
	}
	closedir(d);
	if (!n) {
		fprintf(stderr, "read-bench: no per_cpu/cpu* files in %s\n", argv[1]);
		return 1;
	}

	read_once(total, "total");
	t0 = now_ns();
	for (r = 0; r < rounds; r++)
		read_once(total, "total");
	total_ns = (now_ns() - t0) / rounds;

	t0 = now_ns();
	for (r = 0; r < rounds; r++)
		for (i = 0; i < n; i++)
			read_once(fds[i], "a per_cpu file");
	round_ns = (now_ns() - t0) / rounds;

	printf("read-bench possible=%d total_ns=%llu per_cpu_round_ns=%llu per_cpu_file_ns=%llu\n",
	       n, (unsigned long long)total_ns, (unsigned long long)round_ns,
	       (unsigned long long)(round_ns / n));
	return 0;
}
