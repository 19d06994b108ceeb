/*
 * kvm_exit_probe: the calibrator's yardstick. Times the same round trips as
 * `nvbench calibrate` (src/NestedVirt.Harness/Kvm/) through the KVM API alone, with its own
 * hand-assembled guest code, so a slow or biased managed host shows as a difference.
 * Written from Linux Documentation/virt/kvm/api.rst (KVM_CREATE_VM, KVM_SET_USER_MEMORY_REGION,
 * KVM_CREATE_VCPU, KVM_RUN, struct kvm_run, immediate_exit) and kvm-unit-tests x86/vmexit.c's
 * method (a loop of N exits, N doubled until a batch is long enough).
 *
 * Output, one line per test (kvm-unit-tests style, stable names):
 *   <name> <median ns> <min ns> <max ns> <batches> <iterations per batch>
 * Before them, one comment line: "# fd table: shared|private, <n> threads".
 * Usage: kvm_exit_probe [batches] [device] [shared|private]; exit 0 with "skipped: <reason>"
 * when KVM cannot run the guest, exit 1 when a guest misbehaves or an argument is wrong.
 *
 * shared (the default, and what nvbench passes) starts one idle thread before anything is timed,
 * so the fd table is shared as in every VMM (a thread per vCPU) and every .NET process. Linux
 * fs/file.c's fdget skips the file reference count only while a process's fd table is not
 * shared (__fget_light, files->count == 1); a shared table makes every ioctl take and drop a
 * reference. On the host of docs/calibration.md that costs about 47 ns per KVM_CHECK_EXTENSION,
 * which was the whole gap between nvbench's and a single-threaded probe's ioctl line. private
 * keeps the single-threaded fast path, for showing that difference.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>

#define RAM_SIZE 0x10000
#define CODE_ADDR 0x1000
#define LOOP_PORT 0xE9
#define LOOP_MARK 0x5A
#define DONE_PORT 0xF4
#define DONE_MARK 0xD0
#define MAX_BATCHES 1000
#define TARGET_NS 50e6
#define MAX_ITERATIONS (1L << 24)

enum loop_exit { EXIT_NONE, EXIT_IO, EXIT_HLT };

static int kvm, vmfd, vcpufd;
static uint8_t *ram;
static struct kvm_run *run;

static double now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e9 + t.tv_nsec;
}

static void skip(const char *what)
{
	printf("skipped: %s: %s\n", what, strerror(errno));
	exit(0);
}

static void fail(const char *what)
{
	fprintf(stderr, "kvm_exit_probe: %s\n", what);
	exit(1);
}

/*
 * 16-bit real-mode code at CODE_ADDR (CS base 0):
 *   mov dx, 0xE9; mov al, 0x5A; xor esi, esi
 * next: <body>; inc esi; dec edi; jnz next
 *   mov dx, 0xF4; mov al, 0xD0; out dx, al; hlt
 * Userspace sets EDI = N and reads ESI back to prove N iterations ran.
 */
static void load(const uint8_t *body, int body_len)
{
	uint8_t *p = ram + CODE_ADDR;
	memset(p, 0, 4096);
	static const uint8_t head[] = { 0xBA, LOOP_PORT, 0x00, 0xB0, LOOP_MARK, 0x66, 0x31, 0xF6 };
	memcpy(p, head, sizeof head);
	p += sizeof head;
	memcpy(p, body, body_len);
	p += body_len;
	static const uint8_t tail_loop[] = { 0x66, 0x46, 0x66, 0x4F };	/* inc esi; dec edi */
	memcpy(p, tail_loop, sizeof tail_loop);
	p += sizeof tail_loop;
	*p++ = 0x75;						/* jnz rel8 back to next */
	*p++ = (uint8_t)-(body_len + (int)sizeof tail_loop + 2);
	static const uint8_t done[] = { 0xBA, DONE_PORT, 0x00, 0xB0, DONE_MARK, 0xEE, 0xF4 };
	memcpy(p, done, sizeof done);
}

static const uint8_t OUT_BODY[] = { 0xEE };			/* out dx, al */
static const uint8_t HLT_BODY[] = { 0xF4 };			/* hlt */
static const uint8_t PLAIN_BODY[] = { 0x66, 0x31, 0xC0 };	/* xor eax, eax */
static const uint8_t CPUID_BODY[] = { 0x66, 0x31, 0xC0, 0x0F, 0xA2 };	/* xor eax, eax; cpuid */

static void setup(const char *device)
{
	kvm = open(device, O_RDWR | O_CLOEXEC);
	if (kvm < 0)
		skip(device);
	vmfd = ioctl(kvm, KVM_CREATE_VM, 0);
	if (vmfd < 0)
		skip("KVM_CREATE_VM");
	ram = mmap(NULL, RAM_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (ram == MAP_FAILED)
		skip("mmap guest RAM");
	struct kvm_userspace_memory_region region = {
		.slot = 0, .guest_phys_addr = 0, .memory_size = RAM_SIZE, .userspace_addr = (uintptr_t)ram,
	};
	if (ioctl(vmfd, KVM_SET_USER_MEMORY_REGION, &region) < 0)
		skip("KVM_SET_USER_MEMORY_REGION");
	vcpufd = ioctl(vmfd, KVM_CREATE_VCPU, 0);
	if (vcpufd < 0)
		skip("KVM_CREATE_VCPU");
	int size = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (size < (int)sizeof *run)
		skip("KVM_GET_VCPU_MMAP_SIZE");
	run = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpufd, 0);
	if (run == MAP_FAILED)
		skip("mmap kvm_run");
	struct kvm_sregs sregs;
	if (ioctl(vcpufd, KVM_GET_SREGS, &sregs) < 0)
		skip("KVM_GET_SREGS");
	sregs.cs.base = 0;
	sregs.cs.selector = 0;
	if (ioctl(vcpufd, KVM_SET_SREGS, &sregs) < 0)
		skip("KVM_SET_SREGS");
}

/* One guest batch of n iterations; returns its wall time after checking the guest ran n. */
static double guest_batch(enum loop_exit loop_exit, long n)
{
	struct kvm_regs regs = { .rip = CODE_ADDR, .rflags = 0x2, .rdi = (uint64_t)n };
	if (ioctl(vcpufd, KVM_SET_REGS, &regs) < 0)
		fail("KVM_SET_REGS");
	long exits = 0;
	double t0 = now_ns();
	for (;;) {
		if (ioctl(vcpufd, KVM_RUN, 0) < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			fail("KVM_RUN");
		}
		if (run->exit_reason == KVM_EXIT_IO && run->io.direction == KVM_EXIT_IO_OUT && run->io.size == 1) {
			uint8_t data = *((uint8_t *)run + run->io.data_offset);
			if (loop_exit == EXIT_IO && run->io.port == LOOP_PORT && data == LOOP_MARK) {
				exits++;
				continue;
			}
			if (run->io.port == DONE_PORT && data == DONE_MARK)
				break;
		} else if (run->exit_reason == KVM_EXIT_HLT && loop_exit == EXIT_HLT) {
			exits++;
			continue;
		} else if (run->exit_reason == KVM_EXIT_INTR) {
			continue;
		}
		fprintf(stderr, "kvm_exit_probe: unexpected exit reason %u\n", run->exit_reason);
		exit(1);
	}
	double elapsed = now_ns() - t0;
	if (ioctl(vcpufd, KVM_GET_REGS, &regs) < 0)
		fail("KVM_GET_REGS");
	if ((uint32_t)regs.rsi != (uint32_t)n || (uint32_t)regs.rdi != 0 || exits != (loop_exit == EXIT_NONE ? 0 : n))
		fail("the guest did not run the iterations it was given");
	return elapsed;
}

static double ioctl_batch(long n)
{
	double t0 = now_ns();
	for (long i = 0; i < n; i++)
		if (ioctl(kvm, KVM_CHECK_EXTENSION, KVM_CAP_USER_MEMORY) <= 0)
			fail("KVM_CHECK_EXTENSION");
	return now_ns() - t0;
}

/* KVM_RUN with kvm_run.immediate_exit set: KVM returns -EINTR before entering the guest. */
static double immediate_batch(long n)
{
	run->immediate_exit = 1;
	double t0 = now_ns();
	for (long i = 0; i < n; i++)
		if (ioctl(vcpufd, KVM_RUN, 0) == 0 || errno != EINTR)
			fail("KVM_RUN with immediate_exit did not return EINTR");
	double elapsed = now_ns() - t0;
	run->immediate_exit = 0;
	return elapsed;
}

static void *idle_thread(void *unused)
{
	(void)unused;
	for (;;)
		pause();
	return NULL;
}

/* The thread count as the kernel sees it, so the comment line reports a fact, not the intent. */
static int threads(void)
{
	FILE *status = fopen("/proc/self/status", "r");
	char line[256];
	int n = -1;
	while (status && fgets(line, sizeof line, status))
		if (sscanf(line, "Threads: %d", &n) == 1)
			break;
	if (status)
		fclose(status);
	return n;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void print(const char *name, double *per_exit, int batches, long n)
{
	qsort(per_exit, batches, sizeof *per_exit, by_value);
	double median = batches % 2 ? per_exit[batches / 2] : (per_exit[batches / 2 - 1] + per_exit[batches / 2]) / 2;
	printf("%s %.1f %.1f %.1f %d %ld\n", name, median, per_exit[0], per_exit[batches - 1], batches, n);
}

/* Doubling from 256 until one batch lasts TARGET_NS, after one warm-up batch (vmexit.c style). */
static long find_iterations(double (*batch)(long, const void *), const void *arg)
{
	long n = 256;
	batch(n, arg);
	while (batch(n, arg) < TARGET_NS && n * 2 <= MAX_ITERATIONS)
		n *= 2;
	return n;
}

struct guest { enum loop_exit loop_exit; const uint8_t *body; int len; };

static double run_guest(long n, const void *arg)
{
	const struct guest *g = arg;
	load(g->body, g->len);
	return guest_batch(g->loop_exit, n);
}

static double run_ioctl(long n, const void *arg) { (void)arg; return ioctl_batch(n); }
static double run_immediate(long n, const void *arg) { (void)arg; return immediate_batch(n); }

int main(int argc, char **argv)
{
	int batches = argc > 1 ? atoi(argv[1]) : 10;
	if (batches < 1 || batches > MAX_BATCHES)
		fail("batches must be 1..1000");
	const char *fd_table = argc > 3 ? argv[3] : "shared";
	if (strcmp(fd_table, "shared") && strcmp(fd_table, "private"))
		fail("the fd table must be shared or private");
	pthread_t idle;
	if (!strcmp(fd_table, "shared") && pthread_create(&idle, NULL, idle_thread, NULL))
		fail("cannot start the idle thread that shares the fd table");
	printf("# fd table: %s, %d threads\n", fd_table, threads());
	setup(argc > 2 ? argv[2] : "/dev/kvm");
	double t[MAX_BATCHES], u[MAX_BATCHES];

	long n = find_iterations(run_ioctl, NULL);
	for (int i = 0; i < batches; i++)
		t[i] = ioctl_batch(n) / n;
	print("ioctl", t, batches, n);

	n = find_iterations(run_immediate, NULL);
	for (int i = 0; i < batches; i++)
		t[i] = immediate_batch(n) / n;
	print("run_immediate_exit", t, batches, n);

	/* Exits to userspace: N loop exits plus the final OUT. */
	struct guest out = { EXIT_IO, OUT_BODY, sizeof OUT_BODY };
	n = find_iterations(run_guest, &out);
	for (int i = 0; i < batches; i++)
		t[i] = run_guest(n, &out) / (n + 1);
	print("outb_to_user", t, batches, n);
	/* print() sorted t: the median, as the calibrator subtracts it from guest_loop. */
	double one_user_exit = batches % 2 ? t[batches / 2] : (t[batches / 2 - 1] + t[batches / 2]) / 2;

	struct guest hlt = { EXIT_HLT, HLT_BODY, sizeof HLT_BODY };
	n = find_iterations(run_guest, &hlt);
	for (int i = 0; i < batches; i++)
		t[i] = run_guest(n, &hlt) / (n + 1);
	print("hlt_to_user", t, batches, n);

	/* CPUID and the plain loop in alternating batches of one size; the pair's difference is the exit. */
	struct guest plain = { EXIT_NONE, PLAIN_BODY, sizeof PLAIN_BODY };
	struct guest cpuid = { EXIT_NONE, CPUID_BODY, sizeof CPUID_BODY };
	n = find_iterations(run_guest, &cpuid);
	for (int i = 0; i < batches; i++) {
		double base = run_guest(n, &plain);
		double with_cpuid = run_guest(n, &cpuid);
		u[i] = (base - one_user_exit) / n;
		t[i] = (with_cpuid - base) / n;
	}
	print("guest_loop", u, batches, n);
	print("cpuid", t, batches, n);
	return 0;
}
