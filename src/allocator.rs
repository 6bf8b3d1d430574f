//! glibc's allocator, told to give large buffers back to the system. Decoded pictures, the
//! glyph atlas's uploads and the software renderer's staging copies are megabytes each and
//! come and go with every deck opened: with glibc's defaults (an arena per thread that
//! allocates, and a mmap threshold that rises to the largest buffer freed) they end up carved
//! out of arenas that never shrink, and a long talk's resident memory creeps up pass after
//! pass. Two arenas and a fixed 1 MiB threshold keep such buffers in mappings of their own,
//! returned when freed. (The same as `MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=1048576`.)
#![allow(unsafe_code)]

/// Sets the allocator's parameters; call first thing in `main`, before any thread starts.
pub fn tune() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets parameters of glibc's allocator; with no other thread
    // running yet nothing allocates concurrently. A parameter it refuses stays at its default.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}
