//! Diagnostics: problems with one input file or item, reported with the file name while the run
//! goes on. The exit code is derived from them at the end.

use serde::Serialize;

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; the input was used (e.g. legacy encoding detected, unknown marker tag).
    Note,
    /// Some of the input was not usable as intended but nothing was dropped (e.g. replaced bytes).
    Warning,
    /// The input (or part of it) was skipped. Sets exit code 1.
    Error,
}

/// One problem with one input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file concerned (display path).
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// Short machine-readable kind (`empty`, `binary`, `invalid-utf8`, `unreadable` …).
    pub kind: String,
    /// One-line human message.
    pub message: String,
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sev = match self.severity {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        match self.line {
            Some(l) => write!(
                f,
                "{sev}: {}:{l}: {} [{}]",
                self.file, self.message, self.kind
            ),
            None => write!(f, "{sev}: {}: {} [{}]", self.file, self.message, self.kind),
        }
    }
}

/// A collection of diagnostics, kept in a deterministic order.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(
        &mut self,
        severity: Severity,
        file: &str,
        line: Option<usize>,
        kind: &str,
        message: impl Into<String>,
    ) {
        self.items.push(Diagnostic {
            severity,
            file: file.to_string(),
            line,
            kind: kind.to_string(),
            message: message.into(),
        });
    }
    pub fn error(&mut self, file: &str, kind: &str, message: impl Into<String>) {
        self.push(Severity::Error, file, None, kind, message);
    }
    pub fn warning(&mut self, file: &str, kind: &str, message: impl Into<String>) {
        self.push(Severity::Warning, file, None, kind, message);
    }
    pub fn note(&mut self, file: &str, kind: &str, message: impl Into<String>) {
        self.push(Severity::Note, file, None, kind, message);
    }
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }
    /// True when some input was skipped.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }
    /// Sorts by file, line, kind for deterministic output.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            (&a.file, a.line, &a.kind, &a.message).cmp(&(&b.file, b.line, &b.kind, &b.message))
        });
    }
}
