/*
 * nvwalk.h: the plain C reference walkers that the C# page walker is timed and counted
 * against (libnvwalk, built by bench/native/NativeWalkers.targets with cc -O2).
 *
 * Written from the project's nested-paging model (model 03: EPT rules E-01..E-08 and the EPTP
 * of §2, NPT rules N-02..N-06, the 2-D walk W-01 and W-14), which cites Intel SDM Vol 3C
 * ch. 29 and AMD APM Vol 2 15.25; not from the C# code and not from KVM or Xen. Every walker
 * applies every check in the model's order (E-06) and sets accessed/dirty bits only after a
 * successful walk, leaving entries that already hold them untouched, as the C# walker does.
 *
 * Values cross the boundary unchanged: statuses, stages and access bits are numbered as the
 * C# enums WalkStatus, FaultStage and AccessIntent; guest memory is the C# GuestMemory's
 * backing store (one slot).
 */
#ifndef NVWALK_H
#define NVWALK_H

#include <stdint.h>

#define NV_EXPORT __attribute__((visibility("default")))

enum nv_status {
	NV_TRANSLATED = 0,
	NV_NOT_PRESENT = 1,      /* E-01, N-03: violation / #NPF with P = 0 / #PF */
	NV_PERMISSION = 2,       /* E-07, N-05: violation / #NPF / #PF with P = 1 */
	NV_MISCONFIGURED = 3,    /* E-02..E-05, N-04: misconfiguration / RSV */
	NV_OUTSIDE_MEMORY = 4,   /* a table outside L1's memory (N-04a) */
	NV_ADDRESS_TOO_WIDE = 5, /* beyond the levels' reach, or non-canonical */
	NV_INVALID_ROOT = 6,     /* EPTP / nCR3 / CR3 refused (section 2) */
};

enum nv_stage {
	NV_STAGE_NONE = 0,
	NV_STAGE_NESTED = 1,     /* L1's EPT/NPT */
	NV_STAGE_GUEST = 2,      /* L2's own tables */
};

/* What an access wants; bits 2:0 are the EPT-violation qualification's (SDM 3C 29.3.3.2). */
enum nv_access {
	NV_READ = 1,
	NV_WRITE = 2,
	NV_FETCH = 4,
	NV_USER = 8,
	NV_GUEST_LINEAR = 16,        /* qualification bit 7 */
	NV_GUEST_PAGING_ENTRY = 32,  /* a guest table read during a 2-D walk (#NPF bit 33) */
};

/* Rights granted, ANDed over the levels. */
enum nv_rights {
	NV_R = 1,
	NV_W = 2,
	NV_X = 4,
	NV_U = 8,
	NV_ALL = 15,
};

/* Rules in force for one root. */
enum nv_feature {
	NV_EXECUTE_ONLY = 1,   /* EPT capability bit 0 (E-03) */
	NV_PAGES_2M = 2,
	NV_PAGES_1G = 4,
	NV_ACCESSED_DIRTY = 8, /* EPTP bit 6; always for x86-64 tables (N-06) */
	NV_NO_EXECUTE = 16,    /* EFER.NXE: bit 63 is NX, else reserved */
	NV_WRITE_PROTECT = 32, /* CR0.WP (L2's own tables only, N-02) */
};

/* L1's memory as one slot: [base, base + size) backed by bytes. */
struct nv_memory {
	uint8_t *bytes;
	uint64_t base;
	uint64_t size;
};

/* One root and its rules, derived once per root (KVM does it per MMU role). */
struct nv_paging {
	uint64_t root_table;
	uint64_t frame_mask;       /* bits M-1:12 */
	uint64_t reserved_address; /* bits 51:M, reserved in every entry */
	int32_t levels;            /* 4 or 5 */
	uint32_t features;         /* enum nv_feature */
	int32_t valid;
	int32_t unused;
};

/* The outcome of one walk (the fields of the C# WalkResult the yardstick needs). */
struct nv_result {
	uint64_t address;    /* output address; the faulting address on a fault */
	uint8_t status;      /* enum nv_status */
	uint8_t stage;       /* enum nv_stage */
	uint8_t level;       /* leaf level, or the level of the failing entry */
	uint8_t granted;     /* enum nv_rights */
	uint8_t page_shift;  /* 12, 21 or 30; 0 on a fault */
	uint8_t unused;
	uint16_t reads;      /* entries read in both dimensions */
};

/* ---- internal (hidden) ---- */

static inline int nv_read_u64(const struct nv_memory *m, uint64_t gpa, uint64_t *value)
{
	uint64_t offset = gpa - m->base;
	/* unsigned: a GPA below the base wraps and fails too */
	if (offset >= m->size || m->size - offset < 8)
		return 0;
	__builtin_memcpy(value, m->bytes + offset, 8);
	return 1;
}

static inline void nv_write_u64(const struct nv_memory *m, uint64_t gpa, uint64_t value)
{
	uint64_t offset = gpa - m->base;
	if (offset < m->size && m->size - offset >= 8)
		__builtin_memcpy(m->bytes + offset, &value, 8);
}

static inline int nv_shift(int level)
{
	return 12 + 9 * (level - 1);
}

static inline void nv_fault(struct nv_result *r, uint64_t address, int status, int stage, int level,
			    unsigned granted, unsigned reads)
{
	r->address = address;
	r->status = (uint8_t)status;
	r->stage = (uint8_t)stage;
	r->level = (uint8_t)level;
	r->granted = (uint8_t)granted;
	r->page_shift = 0;
	r->unused = 0;
	r->reads = (uint16_t)reads;
}

void nv_ept_walk(const struct nv_memory *m, const struct nv_paging *p, uint64_t gpa, unsigned access,
		 struct nv_result *r);
void nv_npt_walk(const struct nv_memory *m, const struct nv_paging *p, uint64_t gpa, unsigned access,
		 struct nv_result *r);
void nv_walk_2d_ept(const struct nv_memory *m, const struct nv_paging *guest, const struct nv_paging *nested,
		    uint64_t linear, unsigned access, struct nv_result *r);
void nv_walk_2d_npt(const struct nv_memory *m, const struct nv_paging *guest, const struct nv_paging *nested,
		    uint64_t linear, unsigned access, struct nv_result *r);

/* ---- exported: roots ---- */

NV_EXPORT int nv_ept_paging(uint64_t eptp, uint64_t capabilities, int maxphyaddr, struct nv_paging *p);
NV_EXPORT int nv_npt_paging(uint64_t ncr3, int levels, int no_execute, int pages_1g, int maxphyaddr,
			    struct nv_paging *p);
NV_EXPORT int nv_x64_paging(uint64_t cr3, int levels, int no_execute, int write_protect, int pages_1g,
			    int maxphyaddr, struct nv_paging *p);

/* ---- exported: one walk, and a stream of walks in one call ---- */

enum nv_walker {
	NV_EPT_1D = 0,
	NV_NPT_1D = 1,
	NV_EPT_2D = 2,
	NV_NPT_2D = 3,
};

NV_EXPORT int nv_walk(int walker, const struct nv_memory *m, const struct nv_paging *guest,
		      const struct nv_paging *nested, uint64_t address, unsigned access, struct nv_result *r);
NV_EXPORT uint64_t nv_walk_stream(int walker, const struct nv_memory *m, const struct nv_paging *guest,
				  const struct nv_paging *nested, const uint64_t *stream, uint64_t length,
				  uint64_t count, unsigned access);

#endif
