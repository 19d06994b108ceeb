/*
 * nvwalk_api.c: what the harness calls. nv_walk runs one walk (the planted-fault self test and
 * the agreement check); nv_walk_stream runs count walks over a stream in one call, so the
 * P/Invoke transition is paid once per stream (1,024 walks in the benchmarks, N under
 * callgrind) and costs nothing per walk.
 */
#include "nvwalk.h"

NV_EXPORT int nv_walk(int walker, const struct nv_memory *m, const struct nv_paging *guest,
		      const struct nv_paging *nested, uint64_t address, unsigned access, struct nv_result *r)
{
	switch (walker) {
	case NV_EPT_1D:
		nv_ept_walk(m, nested, address, access, r);
		return 0;
	case NV_NPT_1D:
		nv_npt_walk(m, nested, address, access, r);
		return 0;
	case NV_EPT_2D:
		nv_walk_2d_ept(m, guest, nested, address, access, r);
		return 0;
	case NV_NPT_2D:
		nv_walk_2d_npt(m, guest, nested, address, access, r);
		return 0;
	default:
		return -1;
	}
}

/* The stream's length is a power of two: walk i uses stream[i & (length - 1)]. Returns the sum
 * of the output addresses, as the C# benchmarks do, so no walk can be dropped. */
NV_EXPORT uint64_t nv_walk_stream(int walker, const struct nv_memory *m, const struct nv_paging *guest,
				  const struct nv_paging *nested, const uint64_t *stream, uint64_t length,
				  uint64_t count, unsigned access)
{
	struct nv_result r;
	uint64_t checksum = 0, mask = length - 1;

	switch (walker) {
	case NV_EPT_1D:
		for (uint64_t i = 0; i < count; i++) {
			nv_ept_walk(m, nested, stream[i & mask], access, &r);
			checksum += r.address;
		}
		break;
	case NV_NPT_1D:
		for (uint64_t i = 0; i < count; i++) {
			nv_npt_walk(m, nested, stream[i & mask], access, &r);
			checksum += r.address;
		}
		break;
	case NV_EPT_2D:
		for (uint64_t i = 0; i < count; i++) {
			nv_walk_2d_ept(m, guest, nested, stream[i & mask], access, &r);
			checksum += r.address;
		}
		break;
	case NV_NPT_2D:
		for (uint64_t i = 0; i < count; i++) {
			nv_walk_2d_npt(m, guest, nested, stream[i & mask], access, &r);
			checksum += r.address;
		}
		break;
	}
	return checksum;
}
