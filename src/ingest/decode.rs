//! Byte decoding: BOM sniffing, UTF-8/UTF-16, legacy single-byte encodings, binary detection.
//!
//! Scraped pages arrive as UTF-8, as UTF-16 with a BOM, or in a legacy code page (Russian sites in
//! windows-1251 or KOI8-R, Western European ones in windows-1252/ISO-8859-1). Nothing here is
//! silent: every replacement is counted, every guess is flagged, and files that are not text at all
//! are refused with a reason. The order of decisions is:
//!
//! 1. known magic numbers (PNG, JPEG, GIF, PDF, ZIP/docx, gzip, ELF) → [`DecodeError::Binary`];
//! 2. a BOM (UTF-8, UTF-16LE, UTF-16BE) decides the encoding outright;
//! 3. a high share of C0 control characters (NUL included) → binary; a few stray ones (scraped
//!    text does contain them) are removed from the text and counted in [`Decoded::controls`];
//! 4. valid UTF-8 → UTF-8; *mostly* valid UTF-8 (a cut-off tail, a few bad sequences) → UTF-8 with
//!    the bad sequences replaced and counted;
//! 5. an HTML `<meta charset>` / `http-equiv` declaration in the first 2 KB;
//! 6. otherwise `chardetng` guesses a legacy encoding (`guessed = true`).
//!
//! Every step is linear in the input size; only a bounded prefix is fed to the detector.

use encoding_rs::{DecoderResult, Encoding, KOI8_R, KOI8_U, UTF_16BE, UTF_16LE, UTF_8};

/// Bytes where KOI8-U has Ukrainian letters and KOI8-R box-drawing characters.
const KOI8_U_ONLY: [u8; 8] = [0xA4, 0xA6, 0xA7, 0xAD, 0xB4, 0xB6, 0xB7, 0xBD];

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
    /// Stray control characters (C0 other than tab, LF, VT, FF, CR; and DEL) removed from the
    /// text.
    pub controls: usize,
}

/// Why a file could not be decoded at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Zero bytes, or only whitespace.
    Empty,
    /// Looks like a binary file (a known magic number, or a high share of control characters).
    Binary(String),
}

/// Share of valid multi-byte UTF-8 among all non-ASCII bytes above which a file that is not
/// entirely valid UTF-8 is still read as UTF-8 (a cut-off or slightly damaged UTF-8 file scores
/// close to 1; legacy single-byte text scores close to 0 because its high bytes almost never form
/// valid UTF-8 sequences).
pub const MOSTLY_UTF8: f64 = 0.99;

/// Share of C0 control characters (NUL included; other than tab, LF, VT, FF, CR, ESC) above
/// which a file is treated as binary. Text files without a signature hardly ever have any;
/// binary formats have many (a UTF-16 text without BOM is half NUL bytes).
pub const MAX_CONTROL_SHARE: f64 = 0.05;

/// How many bytes are examined for control characters and fed to the encoding detector.
const SAMPLE_BYTES: usize = 1 << 20;

/// How far into the file an HTML charset declaration is looked for.
const META_PREFIX: usize = 2048;

/// Decodes a file's bytes to text.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    if let Some(kind) = magic(bytes) {
        return Err(DecodeError::Binary(format!("{kind} signature")));
    }
    let decoded = if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, replaced) = decode_counting(enc, &bytes[bom_len..]);
        if enc != UTF_8 {
            // The BOM excuses the NUL bytes of UTF-16, but not control characters in the text.
            check_controls(
                text.chars()
                    .take(SAMPLE_BYTES)
                    .map(|c| u32::from(c) as usize),
            )?;
        }
        Decoded {
            text,
            encoding: enc.name(),
            replaced,
            guessed: false,
            controls: 0,
        }
    } else {
        check_controls(
            bytes[..bytes.len().min(SAMPLE_BYTES)]
                .iter()
                .map(|&b| usize::from(b)),
        )?;
        decode_unmarked(bytes)
    };
    let decoded = strip_controls(decoded);
    if decoded.text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(decoded)
}

/// A control character that is not layout: removed from the text.
fn is_stray_control(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\u{B}' | '\u{C}' | '\r')) || c == '\u{7F}'
}

/// Removes stray control characters (NUL, BEL, ESC, DEL …) and counts them: they carry no text,
/// and XML, CSV and the aligner's tokenizers would all have to special-case them later.
fn strip_controls(mut d: Decoded) -> Decoded {
    // Linear scan; the common case (none) allocates nothing.
    let n = d.text.chars().filter(|&c| is_stray_control(c)).count();
    if n > 0 {
        d.text.retain(|c| !is_stray_control(c));
        d.controls = n;
    }
    d
}

/// Decodes bytes without a BOM: UTF-8, mostly-UTF-8, declared, or detected.
fn decode_unmarked(bytes: &[u8]) -> Decoded {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Decoded {
            text: s.to_string(),
            encoding: UTF_8.name(),
            replaced: 0,
            guessed: false,
            controls: 0,
        };
    }
    let stats = utf8_stats(bytes);
    if stats.is_mostly_utf8() {
        let (text, replaced) = lossy_utf8(bytes);
        return Decoded {
            text,
            encoding: UTF_8.name(),
            replaced,
            guessed: false,
            controls: 0,
        };
    }
    if let Some(enc) = declared_charset(&bytes[..bytes.len().min(META_PREFIX)]) {
        // A declaration of UTF-8 (or UTF-16, which an ASCII-compatible file cannot be) is
        // contradicted by the bytes, so it is not trusted; any other declaration is.
        if enc != UTF_8 && enc != UTF_16LE && enc != UTF_16BE {
            let (text, replaced) = decode_counting(enc, bytes);
            return Decoded {
                text,
                encoding: enc.name(),
                replaced,
                guessed: false,
                controls: 0,
            };
        }
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    let sample = &bytes[..bytes.len().min(SAMPLE_BYTES)];
    det.feed(sample, sample.len() == bytes.len());
    let mut enc = det.guess(None, chardetng::Utf8Detection::Deny);
    // chardetng prefers KOI8-U, a superset of KOI8-R that differs only in eight positions used for
    // Ukrainian letters; without those bytes the text is Russian KOI8-R and is named so.
    if enc == KOI8_U && !bytes.iter().any(|b| KOI8_U_ONLY.contains(b)) {
        enc = KOI8_R;
    }
    let (text, replaced) = decode_counting(enc, bytes);
    Decoded {
        text,
        encoding: enc.name(),
        replaced,
        guessed: true,
        controls: 0,
    }
}

/// Known binary file signatures.
fn magic(bytes: &[u8]) -> Option<&'static str> {
    const SIGS: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "PNG"),
        (b"\xFF\xD8\xFF", "JPEG"),
        (b"GIF87a", "GIF"),
        (b"GIF89a", "GIF"),
        (b"%PDF-", "PDF"),
        (b"PK\x03\x04", "ZIP (or docx/xlsx/odt)"),
        (b"PK\x05\x06", "ZIP (or docx/xlsx/odt)"),
        (b"\x1F\x8B", "gzip"),
        (b"\x7FELF", "ELF"),
    ];
    SIGS.iter()
        .find(|(sig, _)| bytes.starts_with(sig))
        .map(|(_, name)| *name)
}

/// Refuses text whose share of C0 control characters is too high for a text page.
fn check_controls(units: impl Iterator<Item = usize>) -> Result<(), DecodeError> {
    let (mut total, mut controls) = (0usize, 0usize);
    for u in units {
        total += 1;
        // Tab, LF, VT, FF, CR are layout; ESC appears in terminal captures.
        if u < 0x20 && !matches!(u, 0x09..=0x0D | 0x1B) {
            controls += 1;
        }
    }
    if total > 0 && controls as f64 > MAX_CONTROL_SHARE * total as f64 {
        return Err(DecodeError::Binary(format!(
            "{:.0}% control characters",
            100.0 * controls as f64 / total as f64
        )));
    }
    Ok(())
}

/// Counts of a byte string's UTF-8 validity.
#[derive(Debug, Default)]
struct Utf8Stats {
    /// Bytes that are part of valid multi-byte sequences.
    valid_multibyte: usize,
    /// Bytes in invalid or incomplete sequences.
    invalid: usize,
}

impl Utf8Stats {
    fn is_mostly_utf8(&self) -> bool {
        let non_ascii = self.valid_multibyte + self.invalid;
        self.valid_multibyte > 0 && self.valid_multibyte as f64 >= MOSTLY_UTF8 * non_ascii as f64
    }
}

fn utf8_stats(bytes: &[u8]) -> Utf8Stats {
    let mut st = Utf8Stats::default();
    for chunk in bytes.utf8_chunks() {
        let v = chunk.valid();
        st.valid_multibyte += v.len() - v.bytes().filter(u8::is_ascii).count();
        st.invalid += chunk.invalid().len();
    }
    st
}

/// UTF-8 with each maximal invalid sequence replaced by one U+FFFD, counted.
fn lossy_utf8(bytes: &[u8]) -> (String, usize) {
    let mut out = String::with_capacity(bytes.len() + 16);
    let mut replaced = 0;
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            out.push('\u{FFFD}');
            replaced += 1;
        }
    }
    (out, replaced)
}

/// Decodes with `enc` (no BOM handling), replacing malformed sequences by U+FFFD and counting them.
fn decode_counting(enc: &'static Encoding, bytes: &[u8]) -> (String, usize) {
    if enc == UTF_8 {
        return lossy_utf8(bytes);
    }
    let mut dec = enc.new_decoder_without_bom_handling();
    let cap = dec
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len() * 3)
        + 16;
    let mut out = String::with_capacity(cap);
    let mut replaced = 0;
    let mut rest = bytes;
    loop {
        let (res, read) = dec.decode_to_string_without_replacement(rest, &mut out, true);
        rest = &rest[read..];
        match res {
            DecoderResult::InputEmpty => break,
            DecoderResult::Malformed(_, _) => {
                out.push('\u{FFFD}');
                replaced += 1;
            }
            DecoderResult::OutputFull => out.reserve(rest.len() * 3 + 16),
        }
    }
    (out, replaced)
}

/// Encoding named by an HTML `<meta charset=…>` or `<meta http-equiv="Content-Type"
/// content="…; charset=…">` in `head` (ASCII-compatible scan, case-insensitive).
pub fn declared_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(off) = memchr::memmem::find(&lower[from..], b"<meta") {
        let start = from + off;
        let end = memchr::memchr(b'>', &lower[start..]).map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(p) = memchr::memmem::find(tag, b"charset") {
            let mut v = &tag[p + b"charset".len()..];
            v = trim_ascii_start(v);
            if let Some(after_eq) = v.strip_prefix(b"=") {
                let v = trim_ascii_start(after_eq);
                let v = v
                    .strip_prefix(b"\"")
                    .or_else(|| v.strip_prefix(b"'"))
                    .unwrap_or(v);
                let len = v
                    .iter()
                    .position(|&b| {
                        matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') || b.is_ascii_whitespace()
                    })
                    .unwrap_or(v.len());
                if let Some(enc) = Encoding::for_label(&v[..len]) {
                    return Some(enc);
                }
            }
        }
        from = end.max(start + 1);
        if from >= lower.len() {
            break;
        }
    }
    None
}

fn trim_ascii_start(v: &[u8]) -> &[u8] {
    let n = v.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &v[n..]
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{WINDOWS_1251, WINDOWS_1252};

    const RU: &str = "Министр иностранных дел России выступил на заседании Совета Безопасности \
        Организации Объединённых Наций и заявил, что международное сообщество должно объединить \
        усилия в борьбе с терроризмом. Он подчеркнул важность соблюдения Устава ООН.";
    const DE: &str = "Der Außenminister äußerte sich heute in Berlin zur Lage im Nahen Osten. \
        Er betonte, dass die Gespräche über eine Waffenruhe fortgesetzt werden müssen und dass \
        Deutschland zu weiterer Unterstützung bereit ist. Über die Ergebnisse wird später berichtet.";
    const FR: &str = "Le ministre des Affaires étrangères a déclaré aujourd'hui à Genève que la \
        coopération internationale était indispensable. Il a souligné l'importance du dialogue et \
        rappelé que la sécurité régionale dépendait d'efforts communs. «Nous sommes prêts», a-t-il ajouté.";
    const ES: &str = "El ministro de Asuntos Exteriores declaró hoy en Madrid que la cooperación \
        internacional es imprescindible. Subrayó la importancia del diálogo político y añadió que \
        España está dispuesta a contribuir a la seguridad de la región. ¿Cuándo habrá una solución?";

    fn enc(e: &'static Encoding, s: &str) -> Vec<u8> {
        let (b, _, unmappable) = e.encode(s);
        assert!(!unmappable);
        b.into_owned()
    }

    #[test]
    fn empty_and_blank() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b" \n\t\r\n "), Err(DecodeError::Empty));
        assert_eq!(decode(b"\xEF\xBB\xBF  \n"), Err(DecodeError::Empty));
        assert_eq!(decode(b"\xFF\xFE \0\n\0"), Err(DecodeError::Empty));
    }

    #[test]
    fn plain_utf8() {
        let d = decode(RU.as_bytes()).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding, d.replaced, d.guessed),
            (RU, "UTF-8", 0, false)
        );
        let d = decode(b"plain ascii").unwrap();
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn utf8_bom_stripped() {
        let mut b = b"\xEF\xBB\xBF".to_vec();
        b.extend_from_slice(DE.as_bytes());
        let d = decode(&b).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding, d.guessed),
            (DE, "UTF-8", false)
        );
    }

    #[test]
    fn utf16_boms() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in RU.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        let d = decode(&le).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding, d.replaced),
            (RU, "UTF-16LE", 0)
        );
        let d = decode(&be).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding, d.replaced),
            (RU, "UTF-16BE", 0)
        );
        // An odd trailing byte is a malformed sequence, counted.
        le.push(0x41);
        assert_eq!(decode(&le).unwrap().replaced, 1);
    }

    #[test]
    fn legacy_encodings_detected() {
        for (e, s) in [
            (WINDOWS_1251, RU),
            (KOI8_R, RU),
            (WINDOWS_1252, DE),
            (WINDOWS_1252, FR),
            (WINDOWS_1252, ES),
        ] {
            let d = decode(&enc(e, s)).unwrap();
            assert_eq!(
                d.encoding,
                e.name(),
                "for {}",
                s.chars().take(20).collect::<String>()
            );
            assert_eq!(d.text, s);
            assert!(d.guessed);
            assert_eq!(d.replaced, 0);
        }
    }

    #[test]
    fn meta_charset_honoured_when_not_utf8() {
        let html = format!("<!DOCTYPE html><html><head><meta charset=\"windows-1251\"><title>x</title></head><body><p>{RU}</p></body></html>");
        let d = decode(&enc(WINDOWS_1251, &html)).unwrap();
        assert_eq!((d.encoding, d.guessed), ("windows-1251", false));
        assert_eq!(d.text, html);
        // http-equiv form, ISO-8859-1 label maps to windows-1252 (the WHATWG rule).
        let html = format!(
            "<html><head><META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=ISO-8859-1'></head><body>{FR}</body></html>"
        );
        let d = decode(&enc(WINDOWS_1252, &html)).unwrap();
        assert_eq!((d.encoding, d.guessed), ("windows-1252", false));
        // A UTF-8 page declaring a legacy charset is still UTF-8: the bytes decide first.
        let html = format!("<meta charset=koi8-r><p>{RU}</p>");
        assert_eq!(decode(html.as_bytes()).unwrap().encoding, "UTF-8");
        // A false UTF-8 declaration on legacy bytes falls through to detection.
        let html = format!("<meta charset=utf-8><p>{RU}</p>");
        let d = decode(&enc(WINDOWS_1251, &html)).unwrap();
        assert_eq!((d.encoding, d.guessed), ("windows-1251", true));
    }

    #[test]
    fn declared_charset_forms() {
        assert_eq!(declared_charset(b"<meta charset=\"KOI8-R\">"), Some(KOI8_R));
        assert_eq!(
            declared_charset(b"<meta charset = 'cp1251' />"),
            Some(WINDOWS_1251)
        );
        assert_eq!(
            declared_charset(b"<meta name=x><meta http-equiv=\"content-type\" content=\"text/html;charset=latin1\">"),
            Some(WINDOWS_1252)
        );
        assert_eq!(declared_charset(b"<meta charset=bogus>"), None);
        assert_eq!(declared_charset(b"no meta here"), None);
    }

    #[test]
    fn truncated_utf8_stays_utf8() {
        let b = RU.as_bytes();
        // Cut in the middle of a two-byte Cyrillic letter.
        let cut = (0..b.len()).rev().find(|&i| b[i] >= 0xC0).unwrap() + 1;
        let d = decode(&b[..cut]).unwrap();
        assert_eq!((d.encoding, d.replaced, d.guessed), ("UTF-8", 1, false));
        assert!(d.text.ends_with('\u{FFFD}'));
        // A couple of stray bytes in a long UTF-8 text.
        let mut s = RU.repeat(5).into_bytes();
        // At character boundaries, so that each stray byte is one invalid sequence.
        let b1 = (100..).find(|&i| s[i] < 0x80 || s[i] >= 0xC0).unwrap();
        s.insert(b1, 0xFF);
        let b2 = (500..).find(|&i| s[i] < 0x80 || s[i] >= 0xC0).unwrap();
        s.insert(b2, 0xC0);
        let d = decode(&s).unwrap();
        assert_eq!((d.encoding, d.replaced), ("UTF-8", 2));
    }

    #[test]
    fn mostly_threshold() {
        // Half valid UTF-8, half windows-1251: not UTF-8.
        let mut b = RU.as_bytes().to_vec();
        b.extend(enc(WINDOWS_1251, RU));
        let d = decode(&b).unwrap();
        assert_ne!(d.encoding, "UTF-8");
        assert!(d.guessed);
    }

    #[test]
    fn binary_detected() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert!(matches!(decode(png), Err(DecodeError::Binary(r)) if r.contains("PNG")));
        for (b, what) in [
            (&b"\xFF\xD8\xFF\xE0\0\x10JFIF"[..], "JPEG"),
            (b"GIF89a\x01\0", "GIF"),
            (b"%PDF-1.7\n", "PDF"),
            (b"PK\x03\x04\x14\0", "ZIP"),
            (b"\x1F\x8B\x08\0", "gzip"),
            (b"\x7FELF\x02\x01", "ELF"),
        ] {
            assert!(
                matches!(decode(b), Err(DecodeError::Binary(r)) if r.contains(what)),
                "{what}"
            );
        }
        let ctl: Vec<u8> = (0..200)
            .map(|i| if i % 5 == 0 { 0x01 } else { b'a' })
            .collect();
        assert!(matches!(decode(&ctl), Err(DecodeError::Binary(r)) if r.contains("control")));
        // Ordinary layout characters are not control noise.
        assert!(decode(b"a\tb\r\nc\x0cd\n").is_ok());
        // UTF-16 without BOM has NUL bytes: refused rather than decoded as garbage.
        let le: Vec<u8> = "Hallo"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert!(matches!(decode(&le), Err(DecodeError::Binary(_))));
    }

    #[test]
    fn stray_controls_removed_and_counted() {
        // Two NUL bytes and a BEL in a page of text: the text stays, the controls go.
        let mut page = DE.as_bytes().to_vec();
        page.splice(4..4, *b"\0\0");
        page.push(0x07);
        let d = decode(&page).unwrap();
        assert_eq!((d.text.as_str(), d.controls), (DE, 3));
        // Layout characters stay.
        let d = decode(b"a\tb\r\nc\x0cd\n").unwrap();
        assert_eq!(d.controls, 0);
        // In UTF-16 with a BOM too.
        let mut le = vec![0xFF, 0xFE];
        for u in format!("{RU}\u{1}").encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&le).unwrap();
        assert_eq!((d.text.as_str(), d.controls), (RU, 1));
        // A short text that is mostly control bytes is binary.
        assert!(
            matches!(decode(b"text\0more"), Err(DecodeError::Binary(r)) if r.contains("control"))
        );
    }

    #[test]
    fn large_input() {
        // Speed is measured by the benchmarks, not here.
        let line = "Абв где ёжз. ".repeat(4_000_000); // ~ 50 MB without newline
        let d = decode(line.as_bytes()).unwrap();
        assert_eq!(d.text.len(), line.len());
        let mut bad = line.into_bytes();
        bad.push(0xD0);
        let d = decode(&bad).unwrap();
        assert_eq!(d.replaced, 1);
    }
}
