/*
 * ept_walk.c: a plain C 4-level EPT walker, the yardstick for the C# walker's instruction
 * count ("nvbench icount" builds it with cc -O2 and counts it under callgrind beside the C#
 * hot path walk.ept.1d.4l).
 *
 * Written from the project's nested-paging rules (docs/model/03-nested-paging.md, E-01..E-08, EPTP §2),
 * which cites Intel SDM Vol 3C ch. 29; not from the C# code and not from KVM or Xen.
 *
 * Same table image as the C# fixture: L1 memory of 96 MiB, L1's EPT at 64 MiB mapping L2 GPAs
 * [0, 1 GiB) one-to-one with 4 KiB pages (leaves RWX, write-back), non-leaf entries RWX, EPTP
 * write-back, walk length 4, A/D enabled. The stream is 1024 reads at fixed-seed offsets in 24
 * pages of [16 MiB, 48 MiB). Every walk applies every check, in the order E-06 gives.
 *
 * usage: ept_walk N        prepare, walk the stream once (first touch), walk N more times,
 *                          print "walk.ept.1d.4l.c N checksum=<hex>"
 *        ept_walk selftest  planted-fault cases, one line each; exit 1 on a wrong status
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum walk_status {
	WALK_TRANSLATED = 0,
	WALK_NOT_PRESENT = 1,      /* E-01: EPT violation */
	WALK_PERMISSION = 2,       /* E-07: EPT violation */
	WALK_MISCONFIGURED = 3,    /* E-02..E-05: EPT misconfiguration */
	WALK_OUTSIDE_MEMORY = 4,   /* a table outside L1's memory (N-04a) */
	WALK_ADDRESS_TOO_WIDE = 5, /* GPA wider than the walk covers */
	WALK_INVALID_ROOT = 6,     /* EPTP refused (model 03 §2) */
};

struct l1_memory {
	uint8_t *bytes;
	uint64_t size;
};

/* What the EPTP and the offered capabilities say (model 03 §2, W-17). */
struct ept_config {
	uint64_t root_table;
	uint64_t frame_mask;        /* bits M-1:12 */
	uint64_t reserved_address;  /* bits 51:M, reserved in every entry (E-05) */
	int levels;
	int valid;
	int accessed_dirty;         /* EPTP bit 6 */
	int execute_only;           /* capability bit 0 (E-03) */
	int pages_2m;               /* capability bit 16 */
	int pages_1g;               /* capability bit 17 */
};

struct walk_result {
	uint64_t address;
	uint8_t status;
	uint8_t level;
	uint8_t granted;
};

static int read_u64(const struct l1_memory *m, uint64_t gpa, uint64_t *value)
{
	if (gpa > m->size - 8)
		return 0;
	memcpy(value, m->bytes + gpa, 8);
	return 1;
}

static int write_u64(struct l1_memory *m, uint64_t gpa, uint64_t value)
{
	if (gpa > m->size - 8)
		return 0;
	memcpy(m->bytes + gpa, &value, 8);
	return 1;
}

/* Model 03 §2: memory type WB (6) or UC (0) as offered, walk length minus one in 5:3,
 * A/D in bit 6 only if offered, bits 11:7 zero, no address bits at or above M. */
static struct ept_config ept_config_from_eptp(uint64_t eptp, int maxphyaddr)
{
	struct ept_config c;
	uint64_t below = (1ULL << maxphyaddr) - 1;
	uint64_t walk_length = (eptp >> 3) & 7;
	memset(&c, 0, sizeof(c));
	c.frame_mask = below & ~0xFFFULL;
	c.reserved_address = ((1ULL << 52) - 1) & ~below;
	c.root_table = eptp & c.frame_mask;
	c.levels = walk_length == 3 ? 4 : 0;
	c.accessed_dirty = (eptp >> 6) & 1;
	c.execute_only = 1;
	c.pages_2m = 1;
	c.pages_1g = 1;
	c.valid = (eptp & 7) == 6 && c.levels == 4 && (eptp & 0xF80) == 0 && (eptp >> maxphyaddr) == 0;
	return c;
}

/* E-02 (W without R) and E-03 (execute-only when not offered), any level. */
static inline int bad_xwr(uint64_t e, const struct ept_config *c)
{
	uint64_t xwr = e & 7;
	return (xwr & 3) == 2 || (xwr == 4 && !c->execute_only);
}

/* E-05: reserved bits by level and kind; address bits 51:M everywhere. */
static inline int reserved_bits(uint64_t e, int level, const struct ept_config *c)
{
	if (e & c->reserved_address)
		return 1;
	switch (level) {
	case 4:
		return (e & 0xF8) != 0;                 /* PML4E bits 7:3 */
	case 3:
		if (e & 0x80)
			return !c->pages_1g || (e & 0x3FFFF000) != 0; /* 1 GiB leaf bits 29:12 */
		return (e & 0x78) != 0;                 /* non-leaf bits 6:3 */
	case 2:
		if (e & 0x80)
			return !c->pages_2m || (e & 0x1FF000) != 0;   /* 2 MiB leaf bits 20:12 */
		return (e & 0x78) != 0;
	default:
		return 0;
	}
}

/* E-04: leaf memory type 2, 3 or 7. */
static inline int bad_memory_type(uint64_t e)
{
	uint64_t type = (e >> 3) & 7;
	return type == 2 || type == 3 || type == 7;
}

/* needed: bit 0 read, bit 1 write, bit 2 fetch (the qualification's bits 2:0, E-07). */
__attribute__((noinline))
struct walk_result ept_walk(struct l1_memory *m, const struct ept_config *c, uint64_t gpa, unsigned needed)
{
	struct walk_result r = { gpa, WALK_TRANSLATED, 4, 0 };
	uint64_t entry_gpa[4];
	uint64_t entries[4];
	uint64_t table = c->root_table;
	uint64_t e = 0;
	unsigned granted = 7;
	int level;

	if (!c->valid) {
		r.status = WALK_INVALID_ROOT;
		return r;
	}
	if (gpa >> 48) {
		r.status = WALK_ADDRESS_TOO_WIDE;
		return r;
	}
	for (level = 4; ; level--) {
		uint64_t at = table + (((gpa >> (12 + 9 * (level - 1))) & 511) << 3);
		int leaf;
		r.level = (uint8_t)level;
		if (!read_u64(m, at, &e)) {
			r.status = WALK_OUTSIDE_MEMORY;
			r.granted = (uint8_t)granted;
			return r;
		}
		entry_gpa[level - 1] = at;
		entries[level - 1] = e;
		if ((e & 7) == 0) {                      /* E-01 */
			r.status = WALK_NOT_PRESENT;
			return r;
		}
		granted &= (unsigned)(e & 7);
		leaf = level == 1 || (level <= 3 && (e & 0x80));
		if (bad_xwr(e, c) || reserved_bits(e, level, c) || (leaf && bad_memory_type(e))) {
			r.status = WALK_MISCONFIGURED;       /* E-02..E-05, first failure wins (E-06) */
			r.granted = (uint8_t)granted;
			return r;
		}
		if (leaf)
			break;
		table = e & c->frame_mask;
	}
	r.granted = (uint8_t)granted;
	if ((granted & needed) != needed) {          /* E-07 */
		r.status = WALK_PERMISSION;
		return r;
	}
	if (c->accessed_dirty) {
		/* A in every entry used, D in the leaf on a write; only after success, and an entry
		 * that already holds the bits is not rewritten. */
		for (int l = 4; l >= level; l--) {
			uint64_t updated = entries[l - 1] | (1ULL << 8);
			if (l == level && (needed & 2))
				updated |= 1ULL << 9;
			if (updated != entries[l - 1])
				write_u64(m, entry_gpa[l - 1], updated);
		}
	}
	{
		int shift = 12 + 9 * (level - 1);
		uint64_t page_mask = (1ULL << shift) - 1;
		r.address = (e & c->frame_mask & ~page_mask) | (gpa & page_mask);
	}
	return r;
}

/* ---- the table image ---- */

#define MIB (1ULL << 20)
#define MEMORY_SIZE (96 * MIB)
#define TABLE_REGION (64 * MIB)
#define MAPPED (1ULL << 30)
#define STREAM_LENGTH 1024
#define WORKING_SET 24

struct builder {
	struct l1_memory *m;
	uint64_t next_table;
	uint64_t root;
};

static uint64_t allocate_table(struct builder *b)
{
	uint64_t t = b->next_table;
	b->next_table += 4096;
	memset(b->m->bytes + t, 0, 4096);
	return t;
}

/* Maps one 4 KiB page: non-leaf entries RWX pointing to the next table, leaf RWX + WB (6). */
static void map_4k(struct builder *b, uint64_t gpa, uint64_t target)
{
	uint64_t table = b->root;
	for (int level = 4; level > 1; level--) {
		uint64_t at = table + (((gpa >> (12 + 9 * (level - 1))) & 511) << 3);
		uint64_t e = 0;
		read_u64(b->m, at, &e);
		if (e == 0) {
			e = allocate_table(b) | 7;
			write_u64(b->m, at, e);
		}
		table = e & 0x000FFFFFFFFFF000ULL;
	}
	write_u64(b->m, table + (((gpa >> 12) & 511) << 3), target | 7 | (6ULL << 3));
}

static uint64_t lcg_state = 2026;

static uint64_t next_random(void)
{
	lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return lcg_state >> 33;
}

static void build(struct l1_memory *m, struct ept_config *c, uint64_t *stream)
{
	struct builder b = { m, TABLE_REGION, 0 };
	uint64_t pages[WORKING_SET];
	m->size = MEMORY_SIZE;
	m->bytes = calloc(1, MEMORY_SIZE);
	if (!m->bytes) {
		fprintf(stderr, "ept_walk: out of memory\n");
		exit(2);
	}
	b.root = allocate_table(&b);
	for (uint64_t gpa = 0; gpa < MAPPED; gpa += 4096)
		map_4k(&b, gpa, gpa);
	/* EPTP: write-back (6), walk length 4 (3 << 3), A/D (bit 6). */
	*c = ept_config_from_eptp(b.root | 6 | (3 << 3) | (1 << 6), 52);
	for (int i = 0; i < WORKING_SET; i++)
		pages[i] = 16 * MIB + ((next_random() % (32 * MIB / 4096)) << 12);
	for (int i = 0; i < STREAM_LENGTH; i++)
		stream[i] = pages[next_random() % WORKING_SET] | ((next_random() % 512) << 3);
}

/* ---- self test: planted faults, each answered with the status docs/model gives ---- */

struct planted {
	const char *rule;
	int level;           /* entry to change on the path of the probe address */
	uint64_t set, clear; /* bits to set and clear in it */
	unsigned needed;
	int expected;
};

static uint64_t entry_address(struct l1_memory *m, const struct ept_config *c, uint64_t gpa, int level)
{
	uint64_t table = c->root_table, e = 0;
	for (int l = 4; ; l--) {
		uint64_t at = table + (((gpa >> (12 + 9 * (l - 1))) & 511) << 3);
		if (l == level)
			return at;
		read_u64(m, at, &e);
		table = e & c->frame_mask;
	}
}

static int selftest(struct l1_memory *m, struct ept_config *c)
{
	static const struct planted cases[] = {
		{ "E-01 not present at PTE", 1, 0, 7, 1, WALK_NOT_PRESENT },
		{ "E-01 not present at PML4E", 4, 0, 7, 1, WALK_NOT_PRESENT },
		{ "E-02 write without read", 2, 2, 1, 1, WALK_MISCONFIGURED },
		{ "E-04 memory type 2 at leaf", 1, 2 << 3, 7 << 3, 1, WALK_MISCONFIGURED },
		{ "E-05 PML4E bit 7", 4, 0x80, 0, 1, WALK_MISCONFIGURED },
		{ "E-05 non-leaf PDE bit 3", 2, 0x8, 0, 1, WALK_MISCONFIGURED },
		{ "E-05 2M leaf bit 12", 2, 0x80 | 0x1000 | (6 << 3), 0, 1, WALK_MISCONFIGURED },
		{ "E-07 write to read-only", 1, 0, 2, 2, WALK_PERMISSION },
		{ "E-07 fetch without X", 3, 0, 4, 4, WALK_PERMISSION },
		{ "E-06 not present beats misconfig", 1, 0x80 | (7 << 3), 7, 1, WALK_NOT_PRESENT },
		{ "translated", 1, 0, 0, 7, WALK_TRANSLATED },
	};
	const uint64_t probe = 20 * MIB + 0x123 * 8;
	int failed = 0;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint64_t at = entry_address(m, c, probe, cases[i].level), saved, changed;
		struct walk_result r;
		read_u64(m, at, &saved);
		changed = (saved & ~cases[i].clear) | cases[i].set;
		write_u64(m, at, changed);
		r = ept_walk(m, c, probe, cases[i].needed);
		write_u64(m, at, saved);
		printf("%-36s status %d (want %d)%s\n", cases[i].rule, r.status, cases[i].expected,
		       r.status == cases[i].expected ? "" : "  WRONG");
		failed |= r.status != cases[i].expected;
	}
	{
		struct walk_result r = ept_walk(m, c, 1ULL << 48, 1);
		printf("%-36s status %d (want %d)%s\n", "address wider than 48 bits", r.status,
		       WALK_ADDRESS_TOO_WIDE, r.status == WALK_ADDRESS_TOO_WIDE ? "" : "  WRONG");
		failed |= r.status != WALK_ADDRESS_TOO_WIDE;
	}
	return failed;
}

int main(int argc, char **argv)
{
	static uint64_t stream[STREAM_LENGTH];
	struct l1_memory m;
	struct ept_config c;
	uint64_t checksum = 0;
	long long n;
	char *end;

	if (argc != 2) {
		fprintf(stderr, "usage: ept_walk N | ept_walk selftest\n");
		return 2;
	}
	build(&m, &c, stream);
	if (strcmp(argv[1], "selftest") == 0)
		return selftest(&m, &c);
	n = strtoll(argv[1], &end, 10);
	if (*end != '\0' || n < 0) {
		fprintf(stderr, "ept_walk: '%s' is not a non-negative integer\n", argv[1]);
		return 2;
	}
	/* First touch: sets the accessed bits, so the counted walks write nothing, as in C#. */
	for (int i = 0; i < STREAM_LENGTH; i++)
		checksum += ept_walk(&m, &c, stream[i], 1).address;
	for (long long i = 0; i < n; i++)
		checksum += ept_walk(&m, &c, stream[i & (STREAM_LENGTH - 1)], 1).address;
	printf("walk.ept.1d.4l.c %lld checksum=%016llx\n", n, (unsigned long long)checksum);
	free(m.bytes);
	return 0;
}
