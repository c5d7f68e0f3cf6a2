//! Byte decoding: BOM sniffing, UTF-8/UTF-16, legacy single-byte encodings, binary detection.
//! (Skeleton: to be replaced by the real decoder.)

/// A decoded file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// Encoding name (`UTF-8`, `UTF-16LE`, `windows-1251`, `KOI8-R`, `windows-1252`).
    pub encoding: &'static str,
    /// Invalid byte sequences replaced by U+FFFD.
    pub replaced: usize,
    /// True when the encoding was guessed (no BOM, not valid UTF-8).
    pub guessed: bool,
}

/// Why a file could not be decoded at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Zero bytes, or only whitespace.
    Empty,
    /// Looks like a binary file (NUL bytes, control characters, known magic numbers).
    Binary(String),
}

/// Decodes a file's bytes to text.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    if bytes.contains(&0) {
        return Err(DecodeError::Binary("contains NUL bytes".into()));
    }
    let text = String::from_utf8_lossy(bytes).into_owned();
    let replaced = text.matches('\u{FFFD}').count();
    Ok(Decoded {
        text,
        encoding: "UTF-8",
        replaced,
        guessed: false,
    })
}
