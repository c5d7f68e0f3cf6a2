//! `polyalign._native`: the PyO3 module behind the `polyalign` Python package.
//!
//! Thin by design: arguments are converted to plain Rust values, the work runs in [`api`] (the
//! only module that calls the polyalign library) with the GIL released, and results come back
//! as small classes, strings and JSON bytes that the Python layer (`polyalign/*.py`) turns into
//! documented, typed objects. The public API, its documentation and its stubs are in the Python
//! package; this module is private (`_native`).

mod api;
mod errors;
mod progress;

use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::types::PyBytes;

use errors::IntoPy;

/// A bead of a two-document alignment: segment indices on each side (either may be empty),
/// the texts of those segments and the bead's confidence.
#[pyclass(frozen, get_all, eq, module = "polyalign")]
#[derive(Clone, PartialEq)]
pub struct Bead {
    /// Source segment indices (0-based).
    src: Vec<usize>,
    /// Target segment indices (0-based).
    tgt: Vec<usize>,
    /// Confidence in [0, 1] (posterior probability of the bead).
    score: f64,
    /// The source segments' text, joined by a space.
    src_text: String,
    /// The target segments' text, joined by a space.
    tgt_text: String,
}

#[pymethods]
impl Bead {
    #[new]
    #[pyo3(signature = (src, tgt, score, src_text = String::new(), tgt_text = String::new()))]
    fn new(
        src: Vec<usize>,
        tgt: Vec<usize>,
        score: f64,
        src_text: String,
        tgt_text: String,
    ) -> Self {
        Bead {
            src,
            tgt,
            score,
            src_text,
            tgt_text,
        }
    }

    /// What `__new__` takes to rebuild the bead (so beads pickle, e.g. to worker processes).
    fn __getnewargs__(&self) -> (Vec<usize>, Vec<usize>, f64, String, String) {
        (
            self.src.clone(),
            self.tgt.clone(),
            self.score,
            self.src_text.clone(),
            self.tgt_text.clone(),
        )
    }

    /// The bead's shape, `source count-target count` (`1-2`).
    #[getter]
    fn shape(&self) -> String {
        format!("{}-{}", self.src.len(), self.tgt.len())
    }

    fn __repr__(&self) -> String {
        format!(
            "Bead({}, score={:.4})",
            api::format_bead(&self.src, &self.tgt),
            self.score
        )
    }

    /// The bead as `polyalign pair` prints it: `[0]:[0, 1]`.
    fn __str__(&self) -> String {
        api::format_bead(&self.src, &self.tgt)
    }
}

impl From<api::PairBead> for Bead {
    fn from(b: api::PairBead) -> Self {
        Bead {
            src: b.src,
            tgt: b.tgt,
            score: b.score,
            src_text: b.src_text,
            tgt_text: b.tgt_text,
        }
    }
}

/// A document given as its text or as its lines.
#[derive(FromPyObject)]
enum DocArg {
    Text(String),
    Lines(Vec<String>),
}

impl From<DocArg> for api::Doc {
    fn from(d: DocArg) -> Self {
        match d {
            DocArg::Text(t) => api::Doc::Text(t),
            DocArg::Lines(l) => api::Doc::Lines(l),
        }
    }
}

#[pyfunction]
#[pyo3(signature = (src, tgt, src_lang, tgt_lang, level, presegmented, dictionary = None))]
#[allow(clippy::too_many_arguments)]
fn align_pair(
    py: Python<'_>,
    src: DocArg,
    tgt: DocArg,
    src_lang: String,
    tgt_lang: String,
    level: String,
    presegmented: bool,
    dictionary: Option<PathBuf>,
) -> PyResult<Vec<Bead>> {
    let opts = api::PairOptions {
        langs: (&src_lang, &tgt_lang),
        level: &level,
        presegmented,
        dictionary: dictionary.as_deref(),
    };
    let (src, tgt) = (src.into(), tgt.into());
    let beads = py.detach(|| api::align_pair(src, tgt, &opts)).py_err(py)?;
    Ok(beads.into_iter().map(Bead::from).collect())
}

#[pyfunction]
fn read_document(py: Python<'_>, path: PathBuf) -> PyResult<String> {
    py.detach(|| api::read_document(&path)).py_err(py)
}

#[pyfunction]
fn format_beads(beads: Vec<PyRef<'_, Bead>>, scores: bool) -> String {
    let v: Vec<(Vec<usize>, Vec<usize>, f64)> = beads
        .iter()
        .map(|b| (b.src.clone(), b.tgt.clone(), b.score))
        .collect();
    api::format_beads(&v, scores)
}

#[pyfunction]
fn detect_language(py: Python<'_>, text: String) -> Option<(&'static str, f64)> {
    py.detach(|| api::detect_language(&text))
}

#[pyfunction]
fn segment(py: Python<'_>, text: String, lang: String) -> PyResult<Vec<String>> {
    let ranges = py.detach(|| api::segment(&text, &lang)).py_err(py)?;
    Ok(ranges.into_iter().map(|r| text[r].to_string()).collect())
}

#[pyfunction]
fn languages() -> Vec<&'static str> {
    api::languages()
}

#[pyfunction]
fn finding_kinds() -> Vec<&'static str> {
    api::finding_kinds()
}

/// A finished run (opaque; `polyalign.RunResult` wraps it).
#[pyclass(frozen, module = "polyalign._native")]
struct Run(api::Run);

fn bytes<'py>(py: Python<'py>, b: &[u8]) -> Bound<'py, PyBytes> {
    PyBytes::new(py, b)
}

#[pymethods]
impl Run {
    fn units_jsonl<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        let b = py.detach(|| self.0.units_jsonl());
        bytes(py, &b)
    }
    fn groups_jsonl<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        let b = py.detach(|| self.0.groups_jsonl());
        bytes(py, &b)
    }
    fn audit_json<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        let b = py.detach(|| self.0.audit_json());
        bytes(py, &b)
    }
    fn diagnostics_json<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        bytes(py, &self.0.diagnostics_json())
    }
    fn corpus_tmx<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        let b = py.detach(|| self.0.corpus_tmx());
        bytes(py, &b)
    }
    /// Counts, pivot, languages, level and `ok`, as JSON.
    fn summary_json<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        bytes(py, &self.0.summary_json())
    }
    fn write(
        &self,
        py: Python<'_>,
        dir: PathBuf,
        formats: Vec<String>,
        excel: bool,
        audit: bool,
    ) -> PyResult<Vec<PathBuf>> {
        py.detach(|| self.0.write(&dir, &formats, excel, audit))
            .py_err(py)
    }
}

#[pyfunction]
#[pyo3(signature = (paths, level, pivot, progress = None))]
fn learn_stats(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    level: String,
    pivot: Option<String>,
    progress: Option<Py<PyAny>>,
) -> PyResult<(String, Py<PyBytes>)> {
    let r = observed(py, progress, |o| {
        api::learn_stats(&paths, &level, pivot.as_deref(), o)
    })?;
    let (stats, groups) = r.py_err(py)?;
    Ok((stats, PyBytes::new(py, &groups).unbind()))
}

/// Runs `f` without the GIL, reporting to the Python callback `progress` when there is one (an
/// exception the callback raised is raised once `f` is done).
fn observed<T: Send>(
    py: Python<'_>,
    progress: Option<Py<PyAny>>,
    f: impl Fn(&dyn api::Observer) -> T + Send + Sync,
) -> PyResult<T> {
    match progress {
        None => Ok(py.detach(|| f(&progress::Silent))),
        Some(cb) => {
            let p = progress::PyProgress::new(cb);
            let r = py.detach(|| f(&p));
            if let Some(e) = p.finish() {
                return Err(e);
            }
            Ok(r)
        }
    }
}

#[pyfunction]
#[pyo3(signature = (paths, level, pivot, langs, min_score, keep_untranslated, progress = None, stats = None))]
#[allow(clippy::too_many_arguments)]
fn run(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    level: String,
    pivot: Option<String>,
    langs: Option<Vec<String>>,
    min_score: f64,
    keep_untranslated: bool,
    progress: Option<Py<PyAny>>,
    stats: Option<String>,
) -> PyResult<Run> {
    let opts = api::RunOptions {
        paths,
        level,
        pivot,
        langs,
        min_score,
        keep_untranslated,
        stats,
    };
    let r = observed(py, progress, |o| api::run(&opts, o))?;
    Ok(Run(r.py_err(py)?))
}

/// A TMX memory (opaque; `polyalign.Memory` wraps it).
#[pyclass(frozen, module = "polyalign._native")]
struct Tmx(api::Memory);

#[pymethods]
impl Tmx {
    #[getter]
    fn path(&self) -> &str {
        &self.0.path
    }
    #[getter]
    fn header(&self) -> Vec<(String, String)> {
        self.0.header.clone()
    }
    #[getter]
    fn langs(&self) -> Vec<&'static str> {
        self.0.langs()
    }
    #[getter]
    fn pivot(&self) -> Option<&'static str> {
        self.0.pivot()
    }
    #[getter]
    fn level(&self) -> &'static str {
        self.0.level()
    }
    #[getter]
    fn skipped_variants(&self) -> usize {
        self.0.skipped_variants()
    }
    fn __len__(&self) -> usize {
        self.0.len()
    }
    fn units_jsonl<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        let b = py.detach(|| self.0.units_jsonl());
        bytes(py, &b)
    }
    #[pyo3(signature = (langs = None, pivot = None))]
    fn corpus_tmx<'py>(
        &self,
        py: Python<'py>,
        langs: Option<Vec<String>>,
        pivot: Option<String>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let b = py
            .detach(|| self.0.corpus_tmx(langs.as_deref(), pivot.as_deref()))
            .py_err(py)?;
        Ok(bytes(py, &b))
    }
    #[pyo3(signature = (dir, formats, langs = None, pivot = None, excel = false))]
    fn write(
        &self,
        py: Python<'_>,
        dir: PathBuf,
        formats: Vec<String>,
        langs: Option<Vec<String>>,
        pivot: Option<String>,
        excel: bool,
    ) -> PyResult<Vec<PathBuf>> {
        py.detach(|| {
            self.0
                .write(&dir, &formats, langs.as_deref(), pivot.as_deref(), excel)
        })
        .py_err(py)
    }
}

#[pyfunction]
fn read_tmx(py: Python<'_>, path: PathBuf) -> PyResult<Tmx> {
    Ok(Tmx(py.detach(|| api::read_tmx(&path)).py_err(py)?))
}

#[pyfunction]
#[pyo3(signature = (units_json, langs = None, pivot = None, level = None))]
fn units_tmx<'py>(
    py: Python<'py>,
    units_json: String,
    langs: Option<Vec<String>>,
    pivot: Option<String>,
    level: Option<String>,
) -> PyResult<Bound<'py, PyBytes>> {
    let b = py
        .detach(|| {
            api::units_tmx(
                &units_json,
                langs.as_deref(),
                pivot.as_deref(),
                level.as_deref(),
            )
        })
        .py_err(py)?;
    Ok(bytes(py, &b))
}

#[pyfunction]
fn write_file(py: Python<'_>, path: PathBuf, data: &Bound<'_, PyBytes>) -> PyResult<()> {
    let data = data.as_bytes().to_vec();
    py.detach(|| api::write_file(&path, &data)).py_err(py)
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<Bead>()?;
    m.add_class::<Run>()?;
    m.add_class::<Tmx>()?;
    m.add_function(wrap_pyfunction!(align_pair, m)?)?;
    m.add_function(wrap_pyfunction!(read_document, m)?)?;
    m.add_function(wrap_pyfunction!(format_beads, m)?)?;
    m.add_function(wrap_pyfunction!(detect_language, m)?)?;
    m.add_function(wrap_pyfunction!(segment, m)?)?;
    m.add_function(wrap_pyfunction!(languages, m)?)?;
    m.add_function(wrap_pyfunction!(finding_kinds, m)?)?;
    m.add_function(wrap_pyfunction!(run, m)?)?;
    m.add_function(wrap_pyfunction!(learn_stats, m)?)?;
    m.add_function(wrap_pyfunction!(read_tmx, m)?)?;
    m.add_function(wrap_pyfunction!(units_tmx, m)?)?;
    m.add_function(wrap_pyfunction!(write_file, m)?)?;
    Ok(())
}
