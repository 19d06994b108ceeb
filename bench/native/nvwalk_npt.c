/*
 * nvwalk_npt.c: a 1-D walk of L1's nested page table, an L2 GPA to an L1 GPA (N-02..
 * N-06): the host's x86-64 format, every access a user access (N-05), CR0.WP ignored (N-02),
 * AMD's reserved bit 8 in a PML4E (N-04), A in every entry used and D in the leaf on a write,
 * always (N-06).
 */
#include "nvwalk_x64.h"

/* N-05: U/S at every level; R/W decides writes whatever CR0.WP says; NX decides fetches. */
static inline int npt_permits(unsigned granted, unsigned access)
{
	if (!(granted & NV_U))
		return 0;
	if ((access & NV_WRITE) && !(granted & NV_W))
		return 0;
	if ((access & NV_FETCH) && !(granted & NV_X))
		return 0;
	return 1;
}

void nv_npt_walk(const struct nv_memory *m, const struct nv_paging *p, uint64_t gpa, unsigned access,
		 struct nv_result *r)
{
	uint64_t entry_gpa[5], entries[5];
	uint64_t table = p->root_table, e = 0, all = ~0ULL;
	unsigned granted = NV_ALL;
	int level = p->levels, top = level, width = nv_shift(level + 1);

	access |= NV_USER;
	if (!p->valid) {
		nv_fault(r, gpa, NV_INVALID_ROOT, NV_STAGE_NESTED, level, 0, 0);
		return;
	}
	if (width > 52)
		width = 52;
	if (gpa >> width) {
		nv_fault(r, gpa, NV_ADDRESS_TOO_WIDE, NV_STAGE_NESTED, level, 0, 0);
		return;
	}
	for (;;) {
		uint64_t at = table + (((gpa >> nv_shift(level)) & 511) << 3);

		if (!nv_read_u64(m, at, &e)) {
			nv_fault(r, gpa, NV_OUTSIDE_MEMORY, NV_STAGE_NESTED, level, granted, top - level);
			return;
		}
		entry_gpa[level - 1] = at;
		entries[level - 1] = e;
		all &= e;
		if (!(e & X64_P)) {
			nv_fault(r, gpa, NV_NOT_PRESENT, NV_STAGE_NESTED, level, 0, top - level + 1);
			return;
		}
		granted &= x64_rights(e, p);
		if (x64_reserved(e, level, p, 1)) {
			nv_fault(r, gpa, NV_MISCONFIGURED, NV_STAGE_NESTED, level, granted, top - level + 1);
			return;
		}
		if (x64_leaf(e, level))
			break;
		table = e & p->frame_mask;
		level--;
	}
	if (!npt_permits(granted, access)) {
		nv_fault(r, gpa, NV_PERMISSION, NV_STAGE_NESTED, level, granted, top - level + 1);
		return;
	}
	if (!(all & X64_A) || ((access & NV_WRITE) && !(e & X64_D))) {
		for (int l = top; l >= level; l--) {
			uint64_t updated = entries[l - 1] | X64_A;
			if (l == level && (access & NV_WRITE))
				updated |= X64_D;
			if (updated != entries[l - 1])
				nv_write_u64(m, entry_gpa[l - 1], updated);
		}
	}
	{
		int shift = nv_shift(level);
		uint64_t page_mask = (1ULL << shift) - 1;
		r->address = (e & p->frame_mask & ~page_mask) | (gpa & page_mask);
		r->status = NV_TRANSLATED;
		r->stage = NV_STAGE_NONE;
		r->level = (uint8_t)level;
		r->granted = (uint8_t)granted;
		r->page_shift = (uint8_t)shift;
		r->unused = 0;
		r->reads = (uint16_t)(top - level + 1);
	}
}
