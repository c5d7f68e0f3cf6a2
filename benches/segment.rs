//! Throughput of sentence segmentation and date finding on a synthetic multi-language text.
//!
//! `cargo bench --bench segment`

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use polyalign::model::Lang;

/// Official-prose-like paragraphs with the constructs the segmenter must look at.
fn corpus(lang: Lang) -> String {
    let para = match lang {
        Lang::En => "Mr. Lavrov met S. V. Smith in the U.S. on October 16, 2019. The talks (see No. 2254, Art. 5.1) lasted 4.45 hours, etc. Why? Because the U.N. said so... and it did. ",
        Lang::De => "Am 3. Oktober 2019 sprach Dr. Müller z. B. über Nr. 5 bzw. Art. 2. Die Lage ist ernst, d. h. es kostet ca. 5 Mio. Euro. Warum? „Weil es so ist.“ Der 2. Weltkrieg endete 1945. ",
        Lang::Es => "El Sr. Lavrov viajó a EE. UU. el 16 de octubre de 2019. Véase la pág. 5 y el art. 3. ¿Por qué? «Porque sí.» Todo subió un 4.5 por ciento, etc. ",
        Lang::Fr => "M. Lavrov a rencontré J.-P. Martin le 16 octobre 2019. Voir l'art. 5, cf. annexe. Pourquoi ? « Parce que. » En 50 av. J.-C. Rome dominait. ",
        Lang::Ru => "В. В. Путин прибыл в г. Москву 16 октября 2019 г. Выделено 5 млн. рублей, т. е. много. Почему? «Потому что». Яблоки, груши и т. д. Всё свежее. ",
    };
    para.repeat(20_000)
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("split_sentences");
    for lang in Lang::ALL {
        let text = corpus(lang);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(lang.code(), |b| {
            b.iter(|| polyalign::segment::split_sentences(black_box(&text), lang))
        });
    }
    g.finish();
    let text = corpus(Lang::En);
    let mut g = c.benchmark_group("find_dates");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("en", |b| {
        b.iter(|| polyalign::date::find_dates(black_box(&text)))
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
