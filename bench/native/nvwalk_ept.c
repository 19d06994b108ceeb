/*
 * nvwalk_ept.c: a 1-D walk of L1's EPT, an L2 GPA to an L1 GPA (model 03 §1 and §3).
 * Level by level from the root: read the entry; not present ends the walk (E-01); then W
 * without R or an unoffered execute-only (E-02, E-03), reserved bits (E-05), a leaf's memory
 * type (E-04), the first failure winning (E-06); AND the rights; stop at a leaf. Then the
 * rights against the access (E-07), then A in every entry used and D in the leaf on a write
 * (EPTP bit 6; SDM 3C 29.3.5).
 */
#include "nvwalk.h"

#define EPT_A (1ULL << 8)
#define EPT_D (1ULL << 9)
#define EPT_LARGE (1ULL << 7)

/* E-02 (XWR 010 or 110) and E-03 (XWR 100 without the execute-only capability). */
static inline int bad_xwr(uint64_t e, const struct nv_paging *p)
{
	uint64_t xwr = e & 7;
	return (xwr & 3) == 2 || (xwr == 4 && !(p->features & NV_EXECUTE_ONLY));
}

/* E-05: PML5E/PML4E bits 7:3; non-leaf PDPTE/PDE bits 6:3; a large leaf where its size is not
 * offered, or with bits 29:12 (1 GiB) / 20:12 (2 MiB); bits 51:M everywhere. */
static inline int reserved_bits(uint64_t e, int level, const struct nv_paging *p)
{
	if (e & p->reserved_address)
		return 1;
	switch (level) {
	case 5:
	case 4:
		return (e & 0xF8) != 0;
	case 3:
		if (e & EPT_LARGE)
			return !(p->features & NV_PAGES_1G) || (e & 0x3FFFF000) != 0;
		return (e & 0x78) != 0;
	case 2:
		if (e & EPT_LARGE)
			return !(p->features & NV_PAGES_2M) || (e & 0x1FF000) != 0;
		return (e & 0x78) != 0;
	default:
		return 0;
	}
}

/* E-04: memory type 2, 3 or 7 in a leaf. */
static inline int bad_memory_type(uint64_t e)
{
	uint64_t type = (e >> 3) & 7;
	return type == 2 || type == 3 || type == 7;
}

void nv_ept_walk(const struct nv_memory *m, const struct nv_paging *p, uint64_t gpa, unsigned access,
		 struct nv_result *r)
{
	uint64_t entry_gpa[5], entries[5];
	uint64_t table = p->root_table, e = 0, all = ~0ULL;
	unsigned granted = NV_ALL, needed = access & 7;
	int level = p->levels, top = level, width = nv_shift(level + 1);

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
		int leaf;

		if (!nv_read_u64(m, at, &e)) {
			nv_fault(r, gpa, NV_OUTSIDE_MEMORY, NV_STAGE_NESTED, level, granted, top - level);
			return;
		}
		entry_gpa[level - 1] = at;
		entries[level - 1] = e;
		all &= e;
		if ((e & 7) == 0) {
			nv_fault(r, gpa, NV_NOT_PRESENT, NV_STAGE_NESTED, level, 0, top - level + 1);
			return;
		}
		granted &= (unsigned)(e & 7);
		leaf = level == 1 || (level <= 3 && (e & EPT_LARGE));
		if (bad_xwr(e, p) || reserved_bits(e, level, p) || (leaf && bad_memory_type(e))) {
			nv_fault(r, gpa, NV_MISCONFIGURED, NV_STAGE_NESTED, level, granted, top - level + 1);
			return;
		}
		if (leaf)
			break;
		table = e & p->frame_mask;
		level--;
	}
	if ((granted & needed) != needed) {
		nv_fault(r, gpa, NV_PERMISSION, NV_STAGE_NESTED, level, granted, top - level + 1);
		return;
	}
	if ((p->features & NV_ACCESSED_DIRTY) && (!(all & EPT_A) || ((access & NV_WRITE) && !(e & EPT_D)))) {
		for (int l = top; l >= level; l--) {
			uint64_t updated = entries[l - 1] | EPT_A;
			if (l == level && (access & NV_WRITE))
				updated |= EPT_D;
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
