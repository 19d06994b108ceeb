/*
 * nvwalk_x64.h: the x86-64 paging-entry rules shared by AMD's nested tables and L2's own
 * tables (SDM 3A 4.5, APM 2 5.3.3; N-03, N-04): the same layout, different access
 * rules.
 */
#ifndef NVWALK_X64_H
#define NVWALK_X64_H

#include "nvwalk.h"

#define X64_P (1ULL << 0)
#define X64_RW (1ULL << 1)
#define X64_US (1ULL << 2)
#define X64_A (1ULL << 5)
#define X64_D (1ULL << 6)
#define X64_PS (1ULL << 7)
#define X64_AMD_TOP_BIT8 (1ULL << 8)
#define X64_NX (1ULL << 63)

static inline int x64_leaf(uint64_t e, int level)
{
	return level == 1 || (level <= 3 && (e & X64_PS));
}

/* N-04: bits 51:M; NX without EFER.NXE; PS in a PML5E/PML4E (and AMD's bit 8 there, for
 * nested tables); a 1 GiB leaf where 1 GiB pages are not offered or with bits 29:13; a 2 MiB
 * leaf with bits 20:13 (bit 12 is PAT). */
static inline int x64_reserved(uint64_t e, int level, const struct nv_paging *p, int amd_top_bit8)
{
	if (e & p->reserved_address)
		return 1;
	if ((e & X64_NX) && !(p->features & NV_NO_EXECUTE))
		return 1;
	switch (level) {
	case 5:
	case 4:
		return (e & X64_PS) || (amd_top_bit8 && (e & X64_AMD_TOP_BIT8));
	case 3:
		return (e & X64_PS) && (!(p->features & NV_PAGES_1G) || (e & 0x3FFFE000));
	case 2:
		return (e & X64_PS) && (e & 0x1FE000);
	default:
		return 0;
	}
}

/* Read always; write with R/W; user with U/S; execute unless NX under EFER.NXE. */
static inline unsigned x64_rights(uint64_t e, const struct nv_paging *p)
{
	unsigned rights = NV_R;
	if (e & X64_RW)
		rights |= NV_W;
	if (e & X64_US)
		rights |= NV_U;
	if (!(e & X64_NX) || !(p->features & NV_NO_EXECUTE))
		rights |= NV_X;
	return rights;
}

#endif
