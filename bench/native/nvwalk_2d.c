/*
 * nvwalk_2d.c: the two-dimensional walk (W-01, W-14): an L2 linear address through
 * L2's own long-mode tables, each guest table address and the final guest-physical address
 * translated through L1's EPT or NPT by a full 1-D walk. 4/4 levels read 24 entries (W-01).
 *
 * Guest table reads are writes to L1's table when the nested dimension keeps A/D (EPT with
 * EPTP bit 6, E-08; NPT always, N-06), so the nested leaf mapping a guest table gets D. The
 * final address is translated with the access itself before the guest's own A/D bits are
 * set, so a nested fault there changes nothing in L2's tables (W-14).
 */
#include "nvwalk_x64.h"

typedef void (*nested_walk)(const struct nv_memory *, const struct nv_paging *, uint64_t, unsigned,
			    struct nv_result *);

/* SDM 3A 4.6.1: U/S for user accesses; R/W for user writes and, with CR0.WP, supervisor
 * writes; NX for fetches. */
static inline int guest_permits(unsigned granted, unsigned access, const struct nv_paging *p)
{
	int user = (access & NV_USER) != 0;
	if (user && !(granted & NV_U))
		return 0;
	if ((access & NV_WRITE) && !(granted & NV_W) && (user || (p->features & NV_WRITE_PROTECT)))
		return 0;
	if ((access & NV_FETCH) && !(granted & NV_X))
		return 0;
	return 1;
}

/* Bits 63:47 (63:56 with five levels) all equal. */
static inline int canonical(uint64_t linear, int levels)
{
	int width = nv_shift(levels + 1);
	return (uint64_t)((int64_t)(linear << (64 - width)) >> (64 - width)) == linear;
}

static inline __attribute__((always_inline)) void
walk_2d(nested_walk translate, const struct nv_memory *m, const struct nv_paging *guest,
	const struct nv_paging *nested, uint64_t linear, unsigned access, struct nv_result *r)
{
	uint64_t entry_gpa[5], entries[5];
	uint64_t table = guest->root_table, e = 0, all = ~0ULL, output;
	unsigned granted = NV_ALL, reads = 0, nested_reads = 0;
	unsigned table_access = NV_READ | NV_GUEST_LINEAR | NV_GUEST_PAGING_ENTRY;
	int level = guest->levels, top = level, shift;
	struct nv_result n;

	if (nested->features & NV_ACCESSED_DIRTY)
		table_access |= NV_WRITE;
	if (!guest->valid) {
		nv_fault(r, linear, NV_INVALID_ROOT, NV_STAGE_GUEST, level, 0, 0);
		return;
	}
	if (!canonical(linear, level)) {
		nv_fault(r, linear, NV_ADDRESS_TOO_WIDE, NV_STAGE_GUEST, level, 0, 0);
		return;
	}
	for (;;) {
		uint64_t at = table + (((linear >> nv_shift(level)) & 511) << 3);

		translate(m, nested, at, table_access, &n);
		nested_reads += n.reads;
		if (n.status != NV_TRANSLATED) {
			*r = n;
			r->reads = (uint16_t)(reads + nested_reads);
			return;
		}
		if (!nv_read_u64(m, n.address, &e)) {
			nv_fault(r, linear, NV_OUTSIDE_MEMORY, NV_STAGE_GUEST, level, granted, reads + nested_reads);
			return;
		}
		reads++;
		entry_gpa[level - 1] = n.address;
		entries[level - 1] = e;
		all &= e;
		if (!(e & X64_P)) {
			nv_fault(r, linear, NV_NOT_PRESENT, NV_STAGE_GUEST, level, 0, reads + nested_reads);
			return;
		}
		granted &= x64_rights(e, guest);
		if (x64_reserved(e, level, guest, 0)) {
			nv_fault(r, linear, NV_MISCONFIGURED, NV_STAGE_GUEST, level, granted, reads + nested_reads);
			return;
		}
		if (x64_leaf(e, level))
			break;
		table = e & guest->frame_mask;
		level--;
	}
	if (!guest_permits(granted, access, guest)) {
		nv_fault(r, linear, NV_PERMISSION, NV_STAGE_GUEST, level, granted, reads + nested_reads);
		return;
	}
	shift = nv_shift(level);
	output = (e & guest->frame_mask & ~((1ULL << shift) - 1)) | (linear & ((1ULL << shift) - 1));

	translate(m, nested, output, (access & (NV_READ | NV_WRITE | NV_FETCH)) | NV_GUEST_LINEAR, &n);
	nested_reads += n.reads;
	if (n.status != NV_TRANSLATED) {
		*r = n;
		r->reads = (uint16_t)(reads + nested_reads);
		return;
	}
	if (n.page_shift < shift)
		shift = n.page_shift;

	if (!(all & X64_A) || ((access & NV_WRITE) && !(e & X64_D))) {
		for (int l = top; l >= level; l--) {
			uint64_t updated = entries[l - 1] | X64_A;
			if (l == level && (access & NV_WRITE))
				updated |= X64_D;
			if (updated != entries[l - 1])
				nv_write_u64(m, entry_gpa[l - 1], updated);
		}
	}
	r->address = n.address;
	r->status = NV_TRANSLATED;
	r->stage = NV_STAGE_NONE;
	r->level = (uint8_t)level;
	r->granted = (uint8_t)granted;
	r->page_shift = (uint8_t)shift;
	r->unused = 0;
	r->reads = (uint16_t)(reads + nested_reads);
}

void nv_walk_2d_ept(const struct nv_memory *m, const struct nv_paging *guest, const struct nv_paging *nested,
		    uint64_t linear, unsigned access, struct nv_result *r)
{
	walk_2d(nv_ept_walk, m, guest, nested, linear, access, r);
}

void nv_walk_2d_npt(const struct nv_memory *m, const struct nv_paging *guest, const struct nv_paging *nested,
		    uint64_t linear, unsigned access, struct nv_result *r)
{
	walk_2d(nv_npt_walk, m, guest, nested, linear, access, r);
}
