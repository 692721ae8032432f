//! Xen's split drivers: the grant-table hypercalls through which the driver domain's
//! netback and blkback reach the guest's buffers (grant copies, maps and persistent grants).

use crate::path::{PathBuilder, Steps};
use crate::platform::IoModel;

impl PathBuilder<'_> {
    /// Xen's split drivers: a paravirtual front end (blkfront, netfront) whose back end
    /// (blkback, netback) runs in the driver domain. The guest shares its buffers through
    /// grant tables: dom0 reaches them only through grant operations, hypercalls in which
    /// Xen checks each grant.
    pub(in crate::path) fn xen_split_drivers(&self) -> bool {
        self.stack.is_vm() && self.stack.driver_domain && self.stack.io == IoModel::Paravirtual
    }

    /// Netback's copy of a received packet into the guest's granted receive buffer:
    /// `xenvif_rx_action` batches GNTTABOP_copy operations and `gnttab_batch_copy` issues
    /// them in one hypercall, in which Xen checks each grant (`grant_op`, per page of the
    /// payload) and copies the bytes itself (`backend_copy_per_kib`): dom0 cannot write
    /// the guest's memory.
    pub(in crate::path) fn grant_copy_into_guest(&self, s: &mut Steps, bytes: u64) {
        let c = self.costs;
        s.hyp(
            c.pv_hypercall + c.pv_hypercall_handler,
            "netback's GNTTABOP_copy hypercall from the driver domain into Xen (gnttab_batch_copy)",
            "netback이 드라이버 도메인에서 Xen으로 GNTTABOP_copy 하이퍼콜 (gnttab_batch_copy)",
        );
        s.hyp(
            c.grant_op * bytes.div_ceil(4096).max(1),
            "Xen checks the guest's grant of its receive buffer for the copy (acquire_grant_for_copy; estimate)",
            "Xen이 복사를 위해 게스트가 수신 버퍼에 준 grant를 확인 (acquire_grant_for_copy; 추정)",
        );
        s.hyp(
            c.backend_copy_per_kib * bytes / 1024,
            "Xen copies the payload into the guest's granted receive buffer (one copy: no second protocol stack)",
            "Xen이 페이로드를 게스트가 grant한 수신 버퍼로 복사 (복사 한 번: 두 번째 프로토콜 스택은 없음)",
        );
    }

    /// Netback's transmit (Linux 3.18+, `xenvif_tx_build_gops`): the first
    /// XEN_NETBACK_TX_COPY_LEN (128) bytes of the guest's packet are grant-copied into the
    /// socket buffer's linear part (GNTTABOP_copy, `gnttab_batch_copy`), and the rest is
    /// grant-mapped into dom0 (GNTTABOP_map_grant_ref, `gnttab_map_refs`) for the NIC to read
    /// by DMA; once the frame is sent, netback's dealloc thread (`xenvif_dealloc_kthread`)
    /// unmaps it (GNTTABOP_unmap_grant_ref, `xenvif_tx_dealloc_action`, with a TLB flush).
    /// Each is a hypercall from dom0; the unmap, which follows the NIC's transmit, is
    /// charged with the send's back-end job (a simplification: no event of its own).
    pub(in crate::path) fn grant_copy_and_map_from_guest(&self, s: &mut Steps, bytes: u64) {
        let c = self.costs;
        let hypercall = c.pv_hypercall + c.pv_hypercall_handler;
        let header = bytes.min(128);
        s.hyp(
            hypercall,
            "netback's GNTTABOP_copy hypercall from the driver domain into Xen for the packet's first 128 bytes (gnttab_batch_copy)",
            "netback이 패킷의 처음 128바이트를 위해 드라이버 도메인에서 Xen으로 GNTTABOP_copy 하이퍼콜 (gnttab_batch_copy)",
        );
        s.hyp(
            c.grant_op,
            "Xen checks the guest's grant of its packet buffer for the copy (acquire_grant_for_copy; estimate)",
            "Xen이 복사를 위해 게스트가 패킷 버퍼에 준 grant를 확인 (acquire_grant_for_copy; 추정)",
        );
        s.hyp(
            c.backend_copy_per_kib * header / 1024,
            "Xen copies the packet's first bytes (up to 128) into dom0's socket buffer",
            "Xen이 패킷의 앞부분(최대 128바이트)을 dom0의 소켓 버퍼로 복사",
        );
        let rest = bytes - header;
        if rest == 0 {
            return;
        }
        let pages = rest.div_ceil(4096);
        s.hyp(
            hypercall,
            "netback's GNTTABOP_map_grant_ref hypercall maps the rest of the packet into dom0 for the NIC's DMA (gnttab_map_refs)",
            "netback의 GNTTABOP_map_grant_ref 하이퍼콜이 패킷의 나머지를 NIC의 DMA를 위해 dom0에 매핑 (gnttab_map_refs)",
        );
        s.hyp(
            c.grant_map * pages,
            "Xen checks each grant and writes its mapping into dom0's page table (__gnttab_map_grant_ref; estimate)",
            "Xen이 grant마다 확인하고 dom0의 페이지 테이블에 매핑을 기록 (__gnttab_map_grant_ref; 추정)",
        );
        self.driver_domain_thread(
            s,
            "once the frame is sent, dom0 switches to netback's dealloc thread (xenvif_dealloc_kthread)",
            "프레임이 전송되면 dom0이 netback의 해제 스레드(xenvif_dealloc_kthread)로 전환",
        );
        s.hyp(
            hypercall,
            "netback's GNTTABOP_unmap_grant_ref hypercall unmaps the sent packet's pages (xenvif_tx_dealloc_action)",
            "netback의 GNTTABOP_unmap_grant_ref 하이퍼콜이 보낸 패킷의 페이지 매핑을 해제 (xenvif_tx_dealloc_action)",
        );
        s.hyp(
            c.grant_unmap * pages,
            "Xen clears each mapping, releases the grant and flushes it from the TLB (__gnttab_unmap_grant_ref; estimate)",
            "Xen이 매핑마다 지우고 grant를 놓으며 TLB에서 비움 (__gnttab_unmap_grant_ref; 추정)",
        );
    }

    /// Blkfront's copy with persistent grants (Linux 3.8+, negotiated by default): the
    /// back end keeps the guest's granted pages mapped, and the guest copies each
    /// request's data between its bio pages and those pages, a write's before it goes on
    /// the ring (`blkif_queue_rw_req`), a read's when its response is taken
    /// (`blkif_completion`), at the model's copy cost.
    pub(in crate::path) fn persistent_grant_copy(&self, s: &mut Steps, read: bool) {
        if !self.xen_split_drivers() {
            return;
        }
        let cycles = self.costs.backend_copy_per_kib * self.workload.io_bytes / 1024;
        if read {
            s.kernel(
                cycles,
                "blkfront copies the data from the persistently granted page into the request's page (blkif_completion)",
                "blkfront가 영구 grant된 페이지에서 요청의 페이지로 데이터를 복사 (blkif_completion)",
            );
        } else {
            s.kernel(
                cycles,
                "blkfront copies the data into a persistently granted page the back end keeps mapped (blkif_queue_rw_req)",
                "blkfront가 백엔드가 매핑해 둔 영구 grant 페이지로 데이터를 복사 (blkif_queue_rw_req)",
            );
        }
    }
}
