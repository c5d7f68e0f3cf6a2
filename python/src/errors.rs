//! Library errors as Python exceptions. The exception classes live in `polyalign/errors.py`
//! (plain Python, with their attributes and docs); this module only builds them.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;

use crate::api::Error;

/// Builds the `polyalign.errors` exception for `e`.
pub fn to_py(py: Python<'_>, e: Error) -> PyErr {
    let fallback = format!("{e:?}");
    let built = (|| -> PyResult<PyErr> {
        let m = py.import("polyalign.errors")?;
        let exc = match e {
            Error::Usage(msg) => m.getattr("UsageError")?.call1((msg,))?,
            Error::UnknownLanguage(msg) => m.getattr("UnknownLanguageError")?.call1((msg,))?,
            Error::Input { path, kind, reason } => {
                m.getattr("InputError")?.call1((path, kind, reason))?
            }
            Error::Output { path, reason } => m.getattr("OutputError")?.call1((path, reason))?,
        };
        Ok(PyErr::from_value(exc))
    })();
    built.unwrap_or_else(|import_failed| {
        PyRuntimeError::new_err(format!(
            "{fallback} (polyalign.errors unavailable: {import_failed})"
        ))
    })
}

/// Converts an [`Error`] result into a `PyResult`.
pub trait IntoPy<T> {
    fn py_err(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> IntoPy<T> for Result<T, Error> {
    fn py_err(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_py(py, e))
    }
}
