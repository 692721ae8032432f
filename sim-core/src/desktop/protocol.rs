//! Remote display protocols as encoders: what encoding a changed area costs the server's
//! CPU, how many bits it becomes (by content), how often the protocol captures the screen,
//! and how its transport behaves when a packet is lost.
//!
//! Every figure is per pixel *changed*: bandwidth and encoder load then follow from what
//! the activity changes on the screen ([`super::activity`]) and how often the protocol
//! captures it. Nothing here is chosen to reproduce a bandwidth range; each figure cites
//! where it comes from or says "estimate".

use serde::{Deserialize, Serialize};

use crate::platform::DisplayProtocol;

/// What a changed area of the screen shows: it decides which codec the protocol uses and
/// how well it compresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Content {
    /// Text on a flat background (documents, terminals, mail).
    Text,
    /// User-interface graphics: flat colours, gradients, icons, window frames.
    Ui,
    /// Still photographs and images (web pages).
    Photo,
    /// Moving pictures (a playing video).
    Video,
}

impl Content {
    pub const ALL: [Content; 4] = [Content::Text, Content::Ui, Content::Photo, Content::Video];
    pub const COUNT: usize = 4;

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn name(self) -> &'static str {
        match self {
            Content::Text => "text",
            Content::Ui => "ui",
            Content::Photo => "photo",
            Content::Video => "video",
        }
    }
}

/// How updates travel to the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Transport {
    /// In order and reliable: a lost packet holds back the whole update for the
    /// retransmission (about one round trip when later packets report the gap; a lost
    /// last packet waits for the tail-loss probe, two round trips; a packet alone in
    /// flight for the retransmission timeout, one round trip and 200 ms).
    Tcp,
    /// The protocol's own reliable-UDP transport: a lost packet of a text or graphics
    /// update is sent again (one round trip when later packets report the gap, two when it
    /// was the last: the sender's timer, estimate), a lost packet of a video-only update is
    /// not: the next frame supersedes it and the frame is dropped.
    Udp,
}

impl Transport {
    /// Packets one `net_send` of the agent carries: over TCP a large-send segment of up to
    /// [`LSO_PACKETS`] (what is left of the update if less); over UDP one datagram. A UDP
    /// datagram is its own send: sending many datagrams in one call needs UDP segmentation
    /// offload asked for by the application (Linux's UDP GSO, the `UDP_SEGMENT` socket option
    /// since Linux 4.18; Windows' USO, the `UDP_SEND_MSG_SIZE` socket option) and offered by
    /// the virtual NIC (virtio-net's VIRTIO_NET_F_HOST_USO, OASIS VIRTIO 1.2; no e1000 has
    /// it); nothing the vendors publish says that Blast's BEAT or RDP's UDP transport uses
    /// it, so the model sends each datagram by itself, as a UDP socket does without it.
    pub fn packets_per_send(self) -> u64 {
        match self {
            Transport::Tcp => LSO_PACKETS,
            Transport::Udp => 1,
        }
    }
}

/// Most packets one TCP send of the guest carries: 45, the most whole packets of
/// `PACKET_PAYLOAD` (1448) bytes under 64 KB (45 × 1448 = 65 160 bytes; with their 52
/// bytes of IP and TCP headers 65 212, under IPv4's 65 535-byte total length, RFC 791; 46
/// would be 66 608). Large send offload: the guest's TCP stack hands the NIC one segment of up
/// to 64 KB with a packet's headers as a template, and the device, the host's back end or the
/// physical NIC cuts it into packets of one MSS each: Linux's `GSO_MAX_SIZE` (65 536,
/// include/linux/netdevice.h) and `tcp_tso_autosize`/`tcp_mss_split_point`, which size a
/// segment in whole MSS (net/ipv4/tcp_output.c); Windows' large send offload (NDIS LSOv1
/// and LSOv2, offered by the NetKVM virtio-net and the e1000 miniports); virtio-net's
/// VIRTIO_NET_F_HOST_TSO4 (OASIS VIRTIO 1.1, section 5.1.3), whose one descriptor chain
/// with its `virtio_net_hdr` (`gso_type`, `gso_size`) carries the whole segment; an emulated
/// e1000's TCP segmentation context descriptor (Intel PCI/PCI-X Family of Gigabit Ethernet
/// Controllers Software Developer's Manual, section 3.5, "TCP Segmentation"), whose data
/// descriptors the guest posts with one write of the transmit tail register. Linux's
/// `tcp_tso_autosize` also keeps a segment to about a millisecond of its pacing rate; the
/// desktops' servers are Windows' (RDP, HDX, Blast agents), whose stack hands the NIC what
/// the send buffer holds, up to its LSO size: that limit is not modelled.
pub const LSO_PACKETS: u64 = 45;

/// One remote display protocol as an encoder.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ProtocolParams {
    /// Server CPU cycles to encode one changed pixel, by [`Content`] (thousandths of a
    /// cycle per pixel = cycles per kilopixel).
    pub encode_cycles_per_kpixel: [u64; Content::COUNT],
    /// Bits sent per changed pixel at full quality, by [`Content`], in thousandths of a bit.
    pub millibits_per_pixel: [u64; Content::COUNT],
    /// Most screen captures per second (the capture interval is its inverse).
    pub fps_cap: u64,
    /// Protocol header bytes per update.
    pub header_bytes: u64,
    pub transport: Transport,
}

// Codec figures shared by the presets (all per changed pixel).
//
// Video (H.264): the "Kush gauge" (K. Amerasinghe, "H.264 for the rest of us", Adobe,
// 2010; outside the reference file): bit rate = width x height x frame rate x motion rank x 0.07, i.e. 0.07 bit per
// pixel and frame at motion rank 1 (low motion, as in most desktop video).
const VIDEO_MBPP: u64 = 70;
// Photo (JPEG-like lossy stills): 0.25-0.5 bit per pixel for "moderate to good" quality
// (G. K. Wallace, "The JPEG still picture compression standard", CACM 34(4), 1991; outside
// the reference file): 0.5.
const PHOTO_MBPP: u64 = 500;
// Text with a glyph cache (RDP GlyphIndex orders, MS-RDPEGDI 2.2.2.2.1.1.2.13; Citrix
// Thinwire's glyph cache; outside the reference file): a cached glyph costs one or two bytes. A line of about 100
// characters redrawn as a 1920 x 9 pixel band: about 200 bytes over 17 kilopixels, about
// 0.1 bit per pixel (estimate from that arithmetic).
const TEXT_CACHED_MBPP: u64 = 100;
// Text through a video codec at the high quality text needs (H.264 with no glyph cache):
// estimate, three times the cached-glyph figure.
const TEXT_VIDEO_CODEC_MBPP: u64 = 300;
// UI graphics, lossless (run-length and palette coding of flat areas): estimate, 0.5 bit
// per pixel (no figure in the reference).
const UI_LOSSLESS_MBPP: u64 = 500;
// Protocol framing per update: the update's header with its region's coordinates and
// codec, and its share of the transport's record (estimate: 60 bytes for every protocol; no
// figure in the reference; the IP and TCP or UDP headers of its packets are counted apart,
// `desktop/session.rs`).
const UPDATE_HEADER_BYTES: u64 = 60;
// Encoder cost: software H.264 at a fast preset (estimate: a 3 GHz core encodes 1080p,
// 1920 x 1080 = 2.07 Mpixel, at about 100 frames per second; no figure in the reference):
// 3e9 / (2.07e6 x 100) = 14.5 cycles per pixel. JPEG-like stills: 20 cycles per pixel, of
// the order of the H.264 figure (estimate: a baseline encoder's colour conversion, DCT,
// quantisation and entropy coding of every pixel). Lossless text/UI codecs with caches hash
// and compare blocks: about 5 cycles per pixel (estimate).
const H264_CYCLES_PER_KPIXEL: u64 = 14_500;
const JPEG_CYCLES_PER_KPIXEL: u64 = 20_000;
const LOSSLESS_CYCLES_PER_KPIXEL: u64 = 5_000;

impl ProtocolParams {
    /// The preset of a protocol. Frame caps are the vendors' defaults (outside the reference
    /// file): VMware Horizon's
    /// Blast "Max Frame Rate" policy (30), Citrix HDX Thinwire's "Target frame rate"
    /// policy (30) and Microsoft RDP's 30 frames per second unless DWMFRAMEINTERVAL is
    /// changed. Transports: Blast Extreme over BEAT (UDP), its default; HDX and RDP over
    /// TCP, which is not their default where the network allows UDP (HDX's adaptive
    /// transport over EDT, RDP 8's UDP transport): their UDP transports are not modelled
    /// (docs/cost-model.md).
    pub fn of(protocol: DisplayProtocol) -> ProtocolParams {
        match protocol {
            // Blast Extreme: H.264 for the whole screen.
            DisplayProtocol::Blast => ProtocolParams {
                encode_cycles_per_kpixel: [H264_CYCLES_PER_KPIXEL; Content::COUNT],
                millibits_per_pixel: [
                    TEXT_VIDEO_CODEC_MBPP,
                    UI_LOSSLESS_MBPP,
                    PHOTO_MBPP,
                    VIDEO_MBPP,
                ],
                fps_cap: 30,
                header_bytes: UPDATE_HEADER_BYTES,
                transport: Transport::Udp,
            },
            // HDX Thinwire: lossless text/graphics with caches, JPEG-like stills, H.264
            // for video regions ("selective H.264").
            DisplayProtocol::Hdx => ProtocolParams {
                encode_cycles_per_kpixel: [
                    LOSSLESS_CYCLES_PER_KPIXEL,
                    LOSSLESS_CYCLES_PER_KPIXEL,
                    JPEG_CYCLES_PER_KPIXEL,
                    H264_CYCLES_PER_KPIXEL,
                ],
                millibits_per_pixel: [TEXT_CACHED_MBPP, UI_LOSSLESS_MBPP, PHOTO_MBPP, VIDEO_MBPP],
                fps_cap: 30,
                header_bytes: UPDATE_HEADER_BYTES,
                transport: Transport::Tcp,
            },
            // RDP: glyph and bitmap caches for text and graphics, RemoteFX progressive for
            // stills, AVC for video.
            DisplayProtocol::Rdp => ProtocolParams {
                encode_cycles_per_kpixel: [
                    LOSSLESS_CYCLES_PER_KPIXEL,
                    LOSSLESS_CYCLES_PER_KPIXEL,
                    JPEG_CYCLES_PER_KPIXEL,
                    H264_CYCLES_PER_KPIXEL,
                ],
                millibits_per_pixel: [TEXT_CACHED_MBPP, UI_LOSSLESS_MBPP, PHOTO_MBPP, VIDEO_MBPP],
                fps_cap: 30,
                header_bytes: UPDATE_HEADER_BYTES,
                transport: Transport::Tcp,
            },
        }
    }

    /// The preset of a network's protocol with the network's frame rate.
    pub fn of_network(net: &crate::platform::VdiNetwork) -> ProtocolParams {
        ProtocolParams {
            fps_cap: net.frame_rate.max(1),
            ..ProtocolParams::of(net.protocol)
        }
    }

    /// Encoder cycles for a changed area, kilopixels by content.
    pub fn encode_cycles(&self, kpixels: &[u64; Content::COUNT]) -> u64 {
        kpixels
            .iter()
            .zip(self.encode_cycles_per_kpixel)
            .map(|(k, c)| k * c)
            .sum()
    }

    /// Bytes of an update at `quality_percent` of full quality for the lossy contents
    /// (photo and video; text and UI are lossless).
    pub fn update_bytes(&self, kpixels: &[u64; Content::COUNT], quality_percent: u64) -> u64 {
        let bits: u64 = Content::ALL
            .iter()
            .map(|&c| {
                let full = kpixels[c.index()] * self.millibits_per_pixel[c.index()];
                match c {
                    Content::Photo | Content::Video => full * quality_percent / 100,
                    _ => full,
                }
            })
            .sum();
        // kilopixels x millibits per pixel = bits.
        self.header_bytes + bits.div_ceil(8)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_follow_content_not_the_protocol_name() {
        // A quarter of a 1080p screen (518 kpixel) as video: 518 x 70 = 36 260 bits,
        // 4533 bytes, plus 60 of header; as text under RDP: 518 x 100 = 51 800 bits,
        // 6475 bytes plus 60.
        let rdp = ProtocolParams::of(DisplayProtocol::Rdp);
        let mut video = [0; Content::COUNT];
        video[Content::Video.index()] = 518;
        assert_eq!(rdp.update_bytes(&video, 100), 4_593);
        let mut text = [0; Content::COUNT];
        text[Content::Text.index()] = 518;
        assert_eq!(rdp.update_bytes(&text, 100), 6_535);
        // Half quality halves the lossy part only.
        assert_eq!(rdp.update_bytes(&video, 50), 60 + 18_130 / 8 + 1);
        assert_eq!(rdp.update_bytes(&text, 50), 6_535);
    }
}
