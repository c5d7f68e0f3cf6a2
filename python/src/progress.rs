//! Progress of a run reported to a Python callable `callback(stage, done, total)`.
//!
//! The pipeline reports from its worker threads while the GIL is released; each report that
//! reaches Python attaches to the interpreter for the call. Reports are throttled (a stage
//! change always, counts at most every [`INTERVAL`]) and serialised by a lock, so the callback
//! sees one call at a time, in order. The first exception the callback raises stops the
//! reports; it is raised once the run is over (a run cannot be stopped half-way).

use std::sync::Mutex;
use std::time::{Duration, Instant};

use pyo3::prelude::*;

use crate::api::Observer;

/// Least time between two count reports of one stage.
pub const INTERVAL: Duration = Duration::from_millis(100);

struct State {
    stage: String,
    total: Option<u64>,
    done: u64,
    last: Instant,
    /// Set once the callback raised: no more calls.
    error: Option<PyErr>,
}

/// Forwards a run's progress to a Python callable.
pub struct PyProgress {
    callback: Py<PyAny>,
    state: Mutex<State>,
}

impl PyProgress {
    pub fn new(callback: Py<PyAny>) -> Self {
        PyProgress {
            callback,
            state: Mutex::new(State {
                stage: String::new(),
                total: None,
                done: 0,
                last: Instant::now(),
                error: None,
            }),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Calls the callback with the current state (the lock is held: calls stay in order).
    fn emit(&self, s: &mut State) {
        if s.error.is_some() || s.stage.is_empty() {
            return;
        }
        s.last = Instant::now();
        let r = Python::attach(|py| {
            self.callback
                .call1(py, (s.stage.as_str(), s.done, s.total))
                .map(drop)
        });
        if let Err(e) = r {
            s.error = Some(e);
        }
    }

    /// Reports the last stage as complete; returns the callback's exception, if it raised.
    pub fn finish(&self) -> Option<PyErr> {
        let mut s = self.lock();
        if let Some(t) = s.total {
            s.done = s.done.max(t);
        }
        self.emit(&mut s);
        s.error.take()
    }
}

impl Observer for PyProgress {
    fn stage(&self, name: &str, total: Option<u64>) {
        let mut s = self.lock();
        if !s.stage.is_empty() {
            // The stage before is over: report it complete.
            if let Some(t) = s.total {
                if s.done < t {
                    s.done = t;
                    self.emit(&mut s);
                }
            }
        }
        s.stage = name.to_string();
        s.total = total;
        s.done = 0;
        self.emit(&mut s);
    }

    fn inc(&self, n: u64) {
        let mut s = self.lock();
        s.done += n;
        if s.last.elapsed() >= INTERVAL || Some(s.done) == s.total {
            self.emit(&mut s);
        }
    }
}

/// Reports nothing.
pub struct Silent;

impl Observer for Silent {
    fn stage(&self, _: &str, _: Option<u64>) {}
    fn inc(&self, _: u64) {}
}
