/*
 * nvwalk_paging.c: a root and its rules, decided once per root (model 03 §2 for the
 * EPTP, N-01/N-02 for nCR3, SDM 3A 4.5 for CR3). A root the guest got wrong is not an error
 * here: every walk then reports NV_INVALID_ROOT, as hardware refuses the VM entry.
 */
#include <string.h>
#include "nvwalk.h"

/* IA32_VMX_EPT_VPID_CAP bits (model 03 §2). */
#define CAP_EXECUTE_ONLY (1ULL << 0)
#define CAP_WALK_4 (1ULL << 6)
#define CAP_WALK_5 (1ULL << 7)
#define CAP_UC (1ULL << 8)
#define CAP_WB (1ULL << 14)
#define CAP_2M (1ULL << 16)
#define CAP_1G (1ULL << 17)
#define CAP_AD (1ULL << 21)

static int bad_maxphyaddr(int maxphyaddr)
{
	return maxphyaddr < 36 || maxphyaddr > 52;
}

static void masks(struct nv_paging *p, uint64_t root, int maxphyaddr)
{
	uint64_t below = (1ULL << maxphyaddr) - 1;
	p->frame_mask = below & ~0xFFFULL;
	p->reserved_address = ((1ULL << 52) - 1) & ~below;
	p->root_table = root & p->frame_mask;
}

/* EPTP: memory type UC or WB as offered (bits 2:0), walk length minus one (5:3) as offered,
 * A/D (bit 6) only if offered, bits 11:7 zero, no address bits at or above M. */
NV_EXPORT int nv_ept_paging(uint64_t eptp, uint64_t caps, int maxphyaddr, struct nv_paging *p)
{
	uint64_t type = eptp & 7, length = (eptp >> 3) & 7;
	int ad = (eptp >> 6) & 1;

	if (bad_maxphyaddr(maxphyaddr))
		return -1;
	memset(p, 0, sizeof(*p));
	masks(p, eptp, maxphyaddr);
	p->levels = length == 3 && (caps & CAP_WALK_4) ? 4 : length == 4 && (caps & CAP_WALK_5) ? 5 : 0;
	p->valid = ((type == 0 && (caps & CAP_UC)) || (type == 6 && (caps & CAP_WB)))
		&& p->levels != 0
		&& (!ad || (caps & CAP_AD))
		&& (eptp & 0xF80) == 0
		&& (eptp >> maxphyaddr) == 0;
	if (p->levels == 0)
		p->levels = 4;
	if (caps & CAP_EXECUTE_ONLY)
		p->features |= NV_EXECUTE_ONLY;
	if (caps & CAP_2M)
		p->features |= NV_PAGES_2M;
	if (caps & CAP_1G)
		p->features |= NV_PAGES_1G;
	if (ad)
		p->features |= NV_ACCESSED_DIRTY;
	return 0;
}

/* nCR3 (N-01, N-02): the host's long-mode format; 2 MiB pages and A/D always, NX with the
 * host's EFER.NXE; bits at or above M make VMRUN fail. */
NV_EXPORT int nv_npt_paging(uint64_t ncr3, int levels, int no_execute, int pages_1g, int maxphyaddr,
			    struct nv_paging *p)
{
	if (bad_maxphyaddr(maxphyaddr) || (levels != 4 && levels != 5))
		return -1;
	memset(p, 0, sizeof(*p));
	masks(p, ncr3, maxphyaddr);
	p->levels = levels;
	p->features = NV_PAGES_2M | NV_ACCESSED_DIRTY | (no_execute ? NV_NO_EXECUTE : 0) |
		(pages_1g ? NV_PAGES_1G : 0);
	p->valid = (ncr3 >> maxphyaddr) == 0;
	return 0;
}

/* CR3 of L2's own long-mode tables: as nCR3, plus CR0.WP. */
NV_EXPORT int nv_x64_paging(uint64_t cr3, int levels, int no_execute, int write_protect, int pages_1g,
			    int maxphyaddr, struct nv_paging *p)
{
	if (nv_npt_paging(cr3, levels, no_execute, pages_1g, maxphyaddr, p) != 0)
		return -1;
	if (write_protect)
		p->features |= NV_WRITE_PROTECT;
	return 0;
}
