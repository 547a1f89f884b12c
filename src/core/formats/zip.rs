//! `.zip` folders: the app downloads a folder export (brat, Label Studio, UIMA XMI) as one
//! `.zip`, and reads one back. Written with stored (uncompressed) entries, UTF-8 names and
//! CRC-32; read with stored and deflated entries, as any zip tool writes them. Limits keep
//! a hostile archive from exhausting memory.
//!
//! ```
//! use marginalia::core::formats::{zip, File};
//! let files = vec![File::text("a.txt", "Maryam Rahimi"), File::text("dir/b.ann", "T1\tPerson 0 6\tMaryam")];
//! assert_eq!(zip::read(&zip::write(&files)), Ok(files));
//! ```

use super::File;

/// Entries read at most.
pub const MAX_ENTRIES: usize = 10_000;
/// Bytes inflated at most, in all.
pub const MAX_TOTAL: usize = 256 * 1024 * 1024;

/// True if `bytes` start like a zip archive.
pub fn looks_like(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

fn u16le(b: &[u8], at: usize) -> Option<usize> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?) as usize)
}

fn u32le(b: &[u8], at: usize) -> Option<usize> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?) as usize)
}

/// A zip of `files`, every entry stored.
pub fn write(files: &[File]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for f in files {
        let crc = crc32fast::hash(&f.bytes);
        let offset = out.len() as u32;
        let name = f.path.as_bytes();
        let header = |signature: u32, central: bool| {
            let mut h = Vec::new();
            h.extend_from_slice(&signature.to_le_bytes());
            if central {
                h.extend_from_slice(&20u16.to_le_bytes()); // made by
            }
            h.extend_from_slice(&20u16.to_le_bytes()); // version needed
            h.extend_from_slice(&0x0800u16.to_le_bytes()); // UTF-8 names
            h.extend_from_slice(&0u16.to_le_bytes()); // stored
            h.extend_from_slice(&0u16.to_le_bytes()); // time
            h.extend_from_slice(&0x21u16.to_le_bytes()); // date: 1980-01-01
            h.extend_from_slice(&crc.to_le_bytes());
            h.extend_from_slice(&(f.bytes.len() as u32).to_le_bytes());
            h.extend_from_slice(&(f.bytes.len() as u32).to_le_bytes());
            h.extend_from_slice(&(name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes()); // extra
            if central {
                h.extend_from_slice(&[0; 6]); // comment length, disk, internal attributes
                h.extend_from_slice(&0u32.to_le_bytes()); // external attributes
                h.extend_from_slice(&offset.to_le_bytes());
            }
            h.extend_from_slice(name);
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend_from_slice(&f.bytes);
        central.extend(header(0x0201_4b50, true));
    }
    let start = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&start.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// The files of a zip archive (folders left out), or why it cannot be read.
pub fn read(bytes: &[u8]) -> Result<Vec<File>, String> {
    // The end of central directory record, searched back over a comment of up to 64 KB.
    let end = (0..bytes.len().saturating_sub(21)).rev().take(65_557).find(|&i| bytes[i..].starts_with(b"PK\x05\x06")).ok_or("it has no zip directory: it is damaged or cut off")?;
    let count = u16le(bytes, end + 10).ok_or("its directory is cut off")?;
    let mut at = u32le(bytes, end + 16).ok_or("its directory is cut off")?;
    if count > MAX_ENTRIES {
        return Err(format!("it holds {count} files; the limit is {MAX_ENTRIES}"));
    }
    let mut files = Vec::new();
    let mut total = 0usize;
    for _ in 0..count {
        if u32le(bytes, at) != Some(0x0201_4b50) {
            return Err("its directory is damaged".into());
        }
        let field = |o: usize| u16le(bytes, at + o).ok_or("its directory is cut off");
        let (flags, method) = (field(8)?, field(10)?);
        let crc = u32le(bytes, at + 16).ok_or("its directory is cut off")? as u32;
        let (packed, size) = (u32le(bytes, at + 20).ok_or("cut off")?, u32le(bytes, at + 24).ok_or("cut off")?);
        let (name_len, extra_len, comment_len) = (field(28)?, field(30)?, field(32)?);
        let local = u32le(bytes, at + 42).ok_or("its directory is cut off")?;
        let name = bytes.get(at + 46..at + 46 + name_len).ok_or("its directory is cut off")?;
        let name = String::from_utf8_lossy(name).into_owned();
        at += 46 + name_len + extra_len + comment_len;
        if name.ends_with('/') {
            continue;
        }
        if flags & 1 != 0 {
            return Err(format!("“{name}” is encrypted"));
        }
        total += size;
        if total > MAX_TOTAL {
            return Err(format!("it would unpack to more than {} MB", MAX_TOTAL / 1_000_000));
        }
        let data_at = local + 30 + u16le(bytes, local + 26).ok_or("an entry is cut off")? + u16le(bytes, local + 28).ok_or("an entry is cut off")?;
        let data = bytes.get(data_at..data_at + packed).ok_or_else(|| format!("“{name}” is cut off"))?;
        let content = match method {
            0 => data.to_vec(),
            8 => miniz_oxide::inflate::decompress_to_vec_with_limit(data, size.max(1)).map_err(|_| format!("“{name}” cannot be unpacked"))?,
            m => return Err(format!("“{name}” is packed in a way Marginalia does not read (method {m})")),
        };
        if crc32fast::hash(&content) != crc {
            return Err(format!("“{name}” is damaged (its checksum does not match)"));
        }
        files.push(File { path: name, bytes: content });
    }
    Ok(files)
}
