//! Page sets under the conditions of a real ministry archive, with the truth known by
//! construction (used by `examples/archive_eval.rs` and by the always-on grouping tests).
//!
//! What makes grouping hard on a real site, and what this generator therefore does:
//! - **Imbalance**: one original language for everything, only a part translated (the archive
//!   set: Russian for every statement, English for about half, the others far less).
//! - **Many statements a day** (20–40 in the archive set), translations published 0–3 days
//!   after the original at another time of day.
//! - **Switchers** that list the languages that exist, or every language of the site on every
//!   page, or are missing.
//! - **Templates**: near-identical statements (condolences, greetings, talks, briefings) that
//!   differ only in names and numbers, written here in five languages; recurring headings and
//!   closing lines across statements.
//! - **Explicit ids** in the canonical URL of the HTML pages of one site only, different per
//!   language site.
//! - Translators merge, split and drop paragraphs; the scraper misses some pages; an embassy
//!   site republishes statements and lists teasers.
//!
//! Real text comes from `../shared/data` (NTREX-128 news, Mozilla legal texts, UN documents);
//! the templates are our own, so a template-only set can run without it.

#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::{read_lines, Rng};
use polyalign::model::Lang;

/// A document with its text in every language it exists in (paragraph i is the same content in
/// every language).
#[derive(Clone, Debug)]
pub struct Doc {
    pub source: &'static str,
    pub texts: BTreeMap<Lang, (String, Vec<String>)>,
}

/// Real documents from `shared` (NTREX-128, Mozilla, UN dev set); empty parts when absent.
pub fn load_real(shared: &Path, rng: &mut Rng) -> Vec<Doc> {
    let mut docs = Vec::new();
    docs.extend(load_ntrex(shared, rng));
    docs.extend(load_mozilla(shared, rng));
    docs.extend(load_un(shared, rng));
    drop_repeats(docs)
}

/// Leaves out a document most of whose paragraphs an earlier document already has. Sections
/// recur verbatim across the Mozilla texts (the same privacy-notice section in the Firefox
/// and the Firefox for Android notices, the same list of search engines): two statements with
/// one text in every language are one statement to any reader, and the truth cannot call a
/// pair of them a false join.
pub fn drop_repeats(docs: Vec<Doc>) -> Vec<Doc> {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut out = Vec::with_capacity(docs.len());
    for d in docs {
        let Some((_, (_, body))) = d.texts.iter().next() else {
            continue;
        };
        let norm = |p: &String| p.split_whitespace().collect::<Vec<_>>().join(" ");
        let repeated = body.iter().filter(|p| seen.contains(&norm(p))).count();
        if 2 * repeated > body.len() {
            continue;
        }
        seen.extend(body.iter().map(norm));
        out.push(d);
    }
    out
}

/// Splits `n` sentences into paragraphs of 1–3 sentences (the same cut for every language).
fn cuts(n: usize, rng: &mut Rng) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut s = 0;
    while s < n {
        let len = (1 + rng.below(3)).min(n - s);
        out.push((s, s + len));
        s += len;
    }
    out
}

/// NTREX-128: one document per run of equal ids; title = first sentence.
pub fn load_ntrex(shared: &Path, rng: &mut Rng) -> Vec<Doc> {
    let dir = shared.join("ntrex128");
    let ids = read_lines(&dir.join("DOCUMENT_IDS.tsv"));
    let lines: Vec<(Lang, Vec<String>)> = super::NTREX_FILES
        .iter()
        .map(|(l, f)| (*l, read_lines(&dir.join(f))))
        .filter(|(_, v)| !ids.is_empty() && v.len() >= ids.len())
        .collect();
    let mut docs = Vec::new();
    if lines.len() != 5 {
        return docs;
    }
    let mut start = 0;
    for i in 1..=ids.len() {
        if i == ids.len() || ids[i] != ids[start] {
            let c = cuts(i - start - 1, rng);
            let mut texts = BTreeMap::new();
            for (l, ls) in &lines {
                let body = c
                    .iter()
                    .map(|&(a, b)| ls[start + 1 + a..start + 1 + b].join(" "))
                    .collect();
                texts.insert(*l, (ls[start].clone(), body));
            }
            docs.push(Doc {
                source: "ntrex",
                texts,
            });
            start = i;
        }
    }
    docs
}

/// Mozilla legal texts cut into statements of 4–12 blocks (the block before is the title).
pub fn load_mozilla(shared: &Path, rng: &mut Rng) -> Vec<Doc> {
    let mut docs = Vec::new();
    let Ok(rd) = std::fs::read_dir(shared.join("mozilla-legal-5lang/docs")) else {
        return docs;
    };
    let mut dirs: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    dirs.sort();
    for d in dirs {
        let mut per_lang: BTreeMap<Lang, Vec<String>> = BTreeMap::new();
        for l in Lang::ALL {
            let t = std::fs::read_to_string(d.join(format!("{}.md", l.code()))).unwrap_or_default();
            let blocks: Vec<String> = t
                .split("\n\n")
                .map(|b| b.trim().trim_start_matches('#').trim().replace('\n', " "))
                .filter(|b| !b.is_empty())
                .collect();
            if blocks.len() >= 3 {
                per_lang.insert(l, blocks);
            }
        }
        let Some(n) = per_lang.values().map(Vec::len).min() else {
            continue;
        };
        let mut start = 1;
        while start + 3 < n {
            let end = (start + 4 + rng.below(9)).min(n);
            let texts = per_lang
                .iter()
                .map(|(l, b)| (*l, (b[start - 1].clone(), b[start..end].to_vec())))
                .collect();
            docs.push(Doc {
                source: "mozilla",
                texts,
            });
            start = end + 1;
        }
    }
    docs
}

/// UN dev set (en, es, fr, ru): runs of 4–7 consecutive lines (from one or several UN
/// documents) make a statement; its title is the first line cut to twelve words, its paragraphs
/// the others (headings such as "Sixty-ninth session" recur across statements, as on a site).
pub fn load_un(shared: &Path, rng: &mut Rng) -> Vec<Doc> {
    let dir = shared.join("un-v1-dev");
    let n_ids = read_lines(&dir.join("UNv1.0.devset.ids")).len();
    let langs = [Lang::En, Lang::Es, Lang::Fr, Lang::Ru];
    let lines: Vec<(Lang, Vec<String>)> = langs
        .iter()
        .map(|&l| {
            (
                l,
                read_lines(&dir.join(format!("UNv1.0.devset.{}", l.code()))),
            )
        })
        .filter(|(_, v)| n_ids > 0 && v.len() >= n_ids)
        .collect();
    let mut docs = Vec::new();
    if lines.len() != 4 {
        return docs;
    }
    let mut s = 0;
    while s + 4 <= n_ids {
        let e = (s + 4 + rng.below(4)).min(n_ids);
        let texts = lines
            .iter()
            .map(|(l, v)| {
                let title: Vec<&str> = v[s].split_whitespace().take(12).collect();
                (*l, (title.join(" "), v[s + 1..e].to_vec()))
            })
            .collect();
        docs.push(Doc {
            source: "un",
            texts,
        });
        s = e;
    }
    docs
}

/// Forms of a country name: (nominative, "in X", "of X") per language in output order
/// (de, en, es, fr, ru).
type Forms = [[&'static str; 3]; 5];

const COUNTRIES: [Forms; 12] = [
    [
        ["Italien", "in Italien", "Italiens"],
        ["Italy", "in Italy", "of Italy"],
        ["Italia", "en Italia", "de Italia"],
        ["l'Italie", "en Italie", "de l'Italie"],
        ["Италия", "в Италии", "Италии"],
    ],
    [
        ["Japan", "in Japan", "Japans"],
        ["Japan", "in Japan", "of Japan"],
        ["Japón", "en Japón", "de Japón"],
        ["le Japon", "au Japon", "du Japon"],
        ["Япония", "в Японии", "Японии"],
    ],
    [
        ["die Türkei", "in der Türkei", "der Türkei"],
        ["Turkey", "in Turkey", "of Turkey"],
        ["Turquía", "en Turquía", "de Turquía"],
        ["la Turquie", "en Turquie", "de la Turquie"],
        ["Турция", "в Турции", "Турции"],
    ],
    [
        ["Indonesien", "in Indonesien", "Indonesiens"],
        ["Indonesia", "in Indonesia", "of Indonesia"],
        ["Indonesia", "en Indonesia", "de Indonesia"],
        ["l'Indonésie", "en Indonésie", "de l'Indonésie"],
        ["Индонезия", "в Индонезии", "Индонезии"],
    ],
    [
        ["Mexiko", "in Mexiko", "Mexikos"],
        ["Mexico", "in Mexico", "of Mexico"],
        ["México", "en México", "de México"],
        ["le Mexique", "au Mexique", "du Mexique"],
        ["Мексика", "в Мексике", "Мексики"],
    ],
    [
        ["Ägypten", "in Ägypten", "Ägyptens"],
        ["Egypt", "in Egypt", "of Egypt"],
        ["Egipto", "en Egipto", "de Egipto"],
        ["l'Égypte", "en Égypte", "de l'Égypte"],
        ["Египет", "в Египте", "Египта"],
    ],
    [
        ["Indien", "in Indien", "Indiens"],
        ["India", "in India", "of India"],
        ["la India", "en la India", "de la India"],
        ["l'Inde", "en Inde", "de l'Inde"],
        ["Индия", "в Индии", "Индии"],
    ],
    [
        ["Brasilien", "in Brasilien", "Brasiliens"],
        ["Brazil", "in Brazil", "of Brazil"],
        ["Brasil", "en Brasil", "de Brasil"],
        ["le Brésil", "au Brésil", "du Brésil"],
        ["Бразилия", "в Бразилии", "Бразилии"],
    ],
    [
        ["Pakistan", "in Pakistan", "Pakistans"],
        ["Pakistan", "in Pakistan", "of Pakistan"],
        ["Pakistán", "en Pakistán", "de Pakistán"],
        ["le Pakistan", "au Pakistan", "du Pakistan"],
        ["Пакистан", "в Пакистане", "Пакистана"],
    ],
    [
        ["Chile", "in Chile", "Chiles"],
        ["Chile", "in Chile", "of Chile"],
        ["Chile", "en Chile", "de Chile"],
        ["le Chili", "au Chili", "du Chili"],
        ["Чили", "в Чили", "Чили"],
    ],
    [
        ["Nepal", "in Nepal", "Nepals"],
        ["Nepal", "in Nepal", "of Nepal"],
        ["Nepal", "en Nepal", "de Nepal"],
        ["le Népal", "au Népal", "du Népal"],
        ["Непал", "в Непале", "Непала"],
    ],
    [
        ["Iran", "im Iran", "Irans"],
        ["Iran", "in Iran", "of Iran"],
        ["Irán", "en Irán", "de Irán"],
        ["l'Iran", "en Iran", "de l'Iran"],
        ["Иран", "в Иране", "Ирана"],
    ],
];

/// Foreign ministers of the countries above: Latin spelling, Russian spelling.
const MINISTERS: [(&str, &str); 12] = [
    ("Antonio Tajani", "Антонио Таяни"),
    ("Yoko Kamikawa", "Ёко Камикава"),
    ("Hakan Fidan", "Хакан Фидан"),
    ("Retno Marsudi", "Ретно Марсуди"),
    ("Alicia Bárcena", "Алисия Барсена"),
    ("Sameh Shoukry", "Самех Шукри"),
    ("Subrahmanyam Jaishankar", "Субраманьям Джайшанкар"),
    ("Mauro Vieira", "Мауро Виейра"),
    ("Ishaq Dar", "Исхак Дар"),
    ("Alberto van Klaveren", "Альберто ван Клаверен"),
    ("Arzu Rana Deuba", "Арзу Рана Деуба"),
    ("Hossein Amir-Abdollahian", "Хосейн Амир-Абдоллахиан"),
];

/// Disasters in the genitive (de, en, es, fr, ru) as the condolence template needs them.
const EVENTS: [[&str; 5]; 5] = [
    [
        "des verheerenden Erdbebens",
        "the devastating earthquake",
        "del devastador terremoto",
        "du terrible tremblement de terre",
        "разрушительного землетрясения",
    ],
    [
        "der schweren Überschwemmungen",
        "the severe floods",
        "de las graves inundaciones",
        "des graves inondations",
        "сильных наводнений",
    ],
    [
        "des Terroranschlags",
        "the terrorist attack",
        "del atentado terrorista",
        "de l'attentat terroriste",
        "террористического акта",
    ],
    [
        "des Flugzeugabsturzes",
        "the plane crash",
        "del accidente aéreo",
        "de l'accident d'avion",
        "авиакатастрофы",
    ],
    [
        "des Großbrandes",
        "the major fire",
        "del gran incendio",
        "du grand incendie",
        "крупного пожара",
    ],
];

/// Headings that open many statements, and a closing line that ends many (de, en, es, fr, ru).
pub const HEADINGS: [[&str; 5]; 3] = [
    [
        "Kommentar des Informations- und Presseamtes",
        "Comment by the Information and Press Department",
        "Comentario del Departamento de Información y Prensa",
        "Commentaire du Département de l'information et de la presse",
        "Комментарий Департамента информации и печати",
    ],
    [
        "Erklärung des russischen Außenministeriums",
        "Statement by the Russian Foreign Ministry",
        "Declaración del Ministerio de Asuntos Exteriores de Rusia",
        "Déclaration du ministère russe des Affaires étrangères",
        "Заявление МИД России",
    ],
    [
        "Antworten auf Fragen der Medien",
        "Answers to media questions",
        "Respuestas a preguntas de los medios",
        "Réponses aux questions des médias",
        "Ответы на вопросы СМИ",
    ],
];

pub const CLOSING: [&str; 5] = [
    "Wir werden die Entwicklung der Lage weiterhin aufmerksam verfolgen.",
    "We will continue to monitor the situation closely.",
    "Seguiremos de cerca la evolución de la situación.",
    "Nous continuerons de suivre de près l'évolution de la situation.",
    "Продолжаем внимательно следить за развитием ситуации.",
];

fn li(l: Lang) -> usize {
    l as usize
}

/// "12 March" as running text writes it in each language.
fn day_month(l: Lang, d: usize, m: usize) -> String {
    let name = polyalign::date::month_name(l, m as u8);
    match l {
        Lang::De => format!("{d}. {name}"),
        Lang::Es => format!("{d} de {name}"),
        _ => format!("{d} {name}"),
    }
}

/// A decimal number as each language writes it (`4.5` / `4,5`).
fn decimal(l: Lang, tenths: usize) -> String {
    let sep = if l == Lang::En { "." } else { "," };
    format!("{}{sep}{}", tenths / 10, tenths % 10)
}

fn person(l: Lang, k: usize) -> &'static str {
    if l == Lang::Ru {
        MINISTERS[k].1
    } else {
        MINISTERS[k].0
    }
}

fn lavrov(l: Lang) -> &'static str {
    match l {
        Lang::De => "Sergej Lawrow",
        Lang::En => "Sergey Lavrov",
        Lang::Es => "Serguéi Lavrov",
        Lang::Fr => "Sergueï Lavrov",
        Lang::Ru => "С.В.Лавров",
    }
}

/// One template statement in five languages. `kind` picks the template, `c` the country;
/// `day` is (year, month, day) of publication; `pool` gives real paragraphs for briefings.
pub fn template(
    kind: usize,
    c: usize,
    day: (i32, usize, usize),
    rng: &mut Rng,
    pool: &[Doc],
) -> Doc {
    let (y, m, d) = day;
    let mut texts = BTreeMap::new();
    match kind % 4 {
        0 => {
            // Condolences.
            let e = rng.below(EVENTS.len());
            let n = 3 + rng.below(180);
            let hurt = 10 + rng.below(400);
            let dd = if d > 1 { d - 1 } else { d };
            let embassy = rng.chance(0.4);
            for l in Lang::ALL {
                let cf = COUNTRIES[c][li(l)];
                let ev = EVENTS[e][li(l)];
                let dm = day_month(l, dd, m);
                let (title, p1, p2, p3, p4) = match l {
                    Lang::De => (
                        format!("Beileid anlässlich {ev} {}", cf[1]),
                        format!("Das Außenministerium der Russischen Föderation hat mit tiefer Trauer von den Opfern {ev} {} am {dm} erfahren, bei dem {n} Menschen ums Leben kamen.", cf[1]),
                        format!("Wir sprechen den Familien und Freunden der Opfer unser aufrichtiges Beileid aus und wünschen den {hurt} Verletzten eine baldige Genesung."),
                        format!("Wir teilen die Trauer des befreundeten Volkes {}.", cf[2]),
                        format!("Die russische Botschaft {} steht in Kontakt mit den örtlichen Behörden; nach vorläufigen Angaben befinden sich unter den Opfern keine russischen Staatsbürger.", cf[1]),
                    ),
                    Lang::En => (
                        format!("Condolences over {ev} {}", cf[1]),
                        format!("The Ministry of Foreign Affairs of the Russian Federation learned with deep sorrow of {ev} {} on {dm}, which claimed the lives of {n} people.", cf[1]),
                        format!("We express our sincere condolences to the families and friends of the victims and wish a speedy recovery to the {hurt} people injured."),
                        format!("We share the grief of the friendly people {}.", cf[2]),
                        format!("The Russian Embassy {} is in contact with the local authorities; according to preliminary information, there are no Russian citizens among the victims.", cf[1]),
                    ),
                    Lang::Es => (
                        format!("Condolencias por las víctimas {ev} {}", cf[1]),
                        format!("El Ministerio de Asuntos Exteriores de la Federación de Rusia ha recibido con profundo pesar la noticia {ev} {} el {dm}, que se cobró la vida de {n} personas.", cf[1]),
                        format!("Expresamos nuestras sinceras condolencias a los familiares y amigos de las víctimas y deseamos una pronta recuperación a los {hurt} heridos."),
                        format!("Compartimos el dolor del pueblo amigo {}.", cf[2]),
                        format!("La Embajada de Rusia {} está en contacto con las autoridades locales; según datos preliminares, no hay ciudadanos rusos entre las víctimas.", cf[1]),
                    ),
                    Lang::Fr => (
                        format!("Condoléances aux victimes {ev} {}", cf[1]),
                        format!("Le ministère des Affaires étrangères de la Fédération de Russie a appris avec une profonde tristesse la nouvelle {ev} {} le {dm}, qui a coûté la vie à {n} personnes.", cf[1]),
                        format!("Nous présentons nos sincères condoléances aux familles et aux proches des victimes et souhaitons un prompt rétablissement aux {hurt} blessés."),
                        format!("Nous partageons la douleur du peuple ami {}.", cf[2]),
                        format!("L'ambassade de Russie {} est en contact avec les autorités locales ; selon les informations préliminaires, il n'y a pas de citoyens russes parmi les victimes.", cf[1]),
                    ),
                    Lang::Ru => (
                        format!("Соболезнования в связи с гибелью людей в результате {ev} {}", cf[1]),
                        format!("В МИД России с глубокой скорбью восприняли известие о гибели {n} человек в результате {ev} {}, произошедшего {dm}.", cf[1]),
                        format!("Выражаем искренние соболезнования родным и близким погибших и желаем скорейшего выздоровления {hurt} пострадавшим."),
                        format!("Разделяем скорбь дружественного народа {}.", cf[2]),
                        format!("Посольство России {} поддерживает контакт с местными властями; по предварительным данным, граждан России среди пострадавших нет.", cf[1]),
                    ),
                };
                let mut body = vec![p1, p2];
                if embassy {
                    body.push(p4);
                }
                body.push(p3);
                texts.insert(l, (title, body));
            }
        }
        1 => {
            // Greetings on the national day.
            let k = 20 + rng.below(60);
            let year = y as usize - k;
            for l in Lang::ALL {
                let cf = COUNTRIES[c][li(l)];
                let p = person(l, c);
                let lv = lavrov(l);
                let (title, p1, p2, p3, p4) = match l {
                    Lang::De => (
                        format!("Grußbotschaft von {lv} an den Außenminister {} {p} zum Nationalfeiertag", cf[2]),
                        format!("Bitte nehmen Sie meine aufrichtigen Glückwünsche zum Nationalfeiertag {} entgegen.", cf[2]),
                        format!("In diesem Jahr begehen wir den {k}. Jahrestag der Aufnahme diplomatischer Beziehungen zwischen unseren Ländern im Jahr {year}."),
                        format!("Ich bin überzeugt, dass sich die traditionell freundschaftlichen Beziehungen zwischen Russland und {} zum Wohle unserer Völker weiterentwickeln werden.", cf[0]),
                        "Ich wünsche Ihnen gute Gesundheit und viel Erfolg.".to_string(),
                    ),
                    Lang::En => (
                        format!("{lv}'s message of greetings to Foreign Minister {} {p} on the National Day", cf[2]),
                        format!("Please accept my sincere congratulations on the National Day {}.", cf[2]),
                        format!("This year we mark the {k}th anniversary of the establishment of diplomatic relations between our countries in {year}."),
                        format!("I am confident that the traditionally friendly relations between Russia and {} will continue to develop for the benefit of our peoples.", cf[0]),
                        "I wish you good health and every success.".to_string(),
                    ),
                    Lang::Es => (
                        format!("Mensaje de felicitación de {lv} al Ministro de Asuntos Exteriores {}, {p}, con motivo del Día Nacional", cf[2]),
                        format!("Le ruego acepte mis sinceras felicitaciones con motivo del Día Nacional {}.", cf[2]),
                        format!("Este año celebramos el {k}.º aniversario del establecimiento de relaciones diplomáticas entre nuestros países en {year}."),
                        format!("Estoy convencido de que las relaciones tradicionalmente amistosas entre Rusia y {} seguirán desarrollándose en beneficio de nuestros pueblos.", cf[0]),
                        "Le deseo buena salud y muchos éxitos.".to_string(),
                    ),
                    Lang::Fr => (
                        format!("Message de félicitations de {lv} au ministre des Affaires étrangères {}, {p}, à l'occasion de la fête nationale", cf[2]),
                        format!("Je vous prie d'agréer mes sincères félicitations à l'occasion de la fête nationale {}.", cf[2]),
                        format!("Cette année, nous célébrons le {k}e anniversaire de l'établissement des relations diplomatiques entre nos pays en {year}."),
                        format!("Je suis convaincu que les relations traditionnellement amicales entre la Russie et {} continueront de se développer dans l'intérêt de nos peuples.", cf[0]),
                        "Je vous souhaite une bonne santé et plein succès.".to_string(),
                    ),
                    Lang::Ru => (
                        format!("Поздравление {lv}а Министру иностранных дел {} {p} по случаю национального праздника", cf[2]),
                        format!("Примите мои искренние поздравления с национальным праздником {}.", cf[2]),
                        format!("В этом году мы отмечаем {k}-ю годовщину установления дипломатических отношений между нашими странами в {year} году."),
                        "Уверен, что традиционно дружественные отношения между нашими странами будут и впредь развиваться на благо наших народов.".to_string(),
                        "Желаю Вам крепкого здоровья и успехов.".to_string(),
                    ),
                };
                texts.insert(l, (title, vec![p1, p2, p3, p4]));
            }
        }
        2 => {
            // Talks announced.
            let v = 5 + rng.below(400);
            let dd = d.min(27);
            for l in Lang::ALL {
                let cf = COUNTRIES[c][li(l)];
                let p = person(l, c);
                let lv = lavrov(l);
                let dm = day_month(l, dd, m);
                let dm2 = day_month(l, dd + 1, m);
                let num = decimal(l, v);
                let (title, p1, p2, p3) = match l {
                    Lang::De => (
                        format!("Gespräche von {lv} mit dem Außenminister {} {p}", cf[2]),
                        format!("Am {dm} führt Außenminister {lv} in Moskau Gespräche mit dem Außenminister {} {p}, der sich vom {dd}. bis {dm2} zu einem Arbeitsbesuch in Russland aufhält.", cf[2]),
                        format!("Die Minister werden den aktuellen Stand und die Perspektiven der bilateralen Zusammenarbeit erörtern, darunter den Handel, der im vergangenen Jahr {num} Milliarden US-Dollar betrug."),
                        "Geplant ist ein Meinungsaustausch zu aktuellen internationalen und regionalen Fragen, einschließlich der Zusammenarbeit in der UNO und auf anderen multilateralen Plattformen.".to_string(),
                    ),
                    Lang::En => (
                        format!("{lv}'s talks with Foreign Minister {} {p}", cf[2]),
                        format!("On {dm}, Foreign Minister {lv} will hold talks in Moscow with Foreign Minister {} {p}, who will be in Russia on a working visit on {dd}-{dm2}.", cf[2]),
                        format!("The ministers will discuss the current state and prospects of bilateral cooperation, including trade, which amounted to {num} billion US dollars last year."),
                        "An exchange of views is planned on pressing international and regional issues, including cooperation at the UN and other multilateral platforms.".to_string(),
                    ),
                    Lang::Es => (
                        format!("Conversaciones de {lv} con el Ministro de Asuntos Exteriores {}, {p}", cf[2]),
                        format!("El {dm}, el Ministro de Asuntos Exteriores, {lv}, mantendrá conversaciones en Moscú con el Ministro de Asuntos Exteriores {}, {p}, que realizará una visita de trabajo a Rusia los días {dd} y {dm2}.", cf[2]),
                        format!("Los ministros abordarán el estado actual y las perspectivas de la cooperación bilateral, incluido el comercio, que el año pasado ascendió a {num} mil millones de dólares estadounidenses."),
                        "Está previsto un intercambio de opiniones sobre cuestiones internacionales y regionales de actualidad, incluida la cooperación en la ONU y otras plataformas multilaterales.".to_string(),
                    ),
                    Lang::Fr => (
                        format!("Entretiens de {lv} avec le ministre des Affaires étrangères {}, {p}", cf[2]),
                        format!("Le {dm}, le ministre des Affaires étrangères {lv} aura des entretiens à Moscou avec le ministre des Affaires étrangères {}, {p}, qui effectuera une visite de travail en Russie les {dd} et {dm2}.", cf[2]),
                        format!("Les ministres examineront l'état actuel et les perspectives de la coopération bilatérale, notamment les échanges commerciaux, qui se sont élevés l'année dernière à {num} milliards de dollars américains."),
                        "Un échange de vues est prévu sur les questions internationales et régionales d'actualité, y compris la coopération à l'ONU et dans d'autres enceintes multilatérales.".to_string(),
                    ),
                    Lang::Ru => (
                        format!("О переговорах {lv}а с Министром иностранных дел {} {p}", cf[2]),
                        format!("{dm} Министр иностранных дел России {lv} проведет в Москве переговоры с Министром иностранных дел {} {p}, который будет находиться в России с рабочим визитом {dd}-{dm2}.", cf[2]),
                        format!("Министры обсудят текущее состояние и перспективы двустороннего сотрудничества, в том числе торговли, объем которой в прошлом году составил {num} млрд долларов США."),
                        "Предполагается обмен мнениями по актуальным международным и региональным проблемам, включая взаимодействие в ООН и на других многосторонних площадках.".to_string(),
                    ),
                };
                texts.insert(l, (title, vec![p1, p2, p3]));
            }
        }
        _ => {
            // A briefing: recurring headings around real paragraphs from the pool.
            let full: Vec<&Doc> = pool.iter().filter(|d| d.texts.len() == 5).collect();
            let sections = 2 + rng.below(2);
            let picks: Vec<(usize, usize)> = (0..sections)
                .filter_map(|_| {
                    let doc = *full.get(rng.below(full.len().max(1)))?;
                    let n = doc.texts[&Lang::En].1.len();
                    (n > 0).then(|| {
                        (
                            full.iter().position(|x| std::ptr::eq(*x, doc)).unwrap(),
                            rng.below(n),
                        )
                    })
                })
                .collect();
            let c2 = (c + 1 + rng.below(COUNTRIES.len() - 1)) % COUNTRIES.len();
            for l in Lang::ALL {
                let dm = day_month(l, d, m);
                let title = match l {
                    Lang::De => format!("Pressebriefing der Sprecherin des Außenministeriums, Maria Sacharowa, Moskau, {dm} {y}"),
                    Lang::En => format!("Briefing by Foreign Ministry Spokeswoman Maria Zakharova, Moscow, {dm} {y}"),
                    Lang::Es => format!("Rueda de prensa de la portavoz del Ministerio de Asuntos Exteriores, María Zajárova, Moscú, {dm} de {y}"),
                    Lang::Fr => format!("Point de presse de la porte-parole du ministère des Affaires étrangères, Maria Zakharova, Moscou, {dm} {y}"),
                    Lang::Ru => format!("Брифинг официального представителя МИД России М.В.Захаровой, Москва, {dm} {y} года"),
                };
                let on = |c: usize| {
                    let f = COUNTRIES[c][li(l)][1];
                    match l {
                        Lang::De => format!("Zur Lage {f}"),
                        Lang::En => format!("On the situation {f}"),
                        Lang::Es => format!("Sobre la situación {f}"),
                        Lang::Fr => format!("Sur la situation {f}"),
                        Lang::Ru => format!("О ситуации {f}"),
                    }
                };
                let mut body = Vec::new();
                for (si, &(di, pi)) in picks.iter().enumerate() {
                    body.push(on(if si % 2 == 0 { c } else { c2 }));
                    let paras = &full[di].texts[&l].1;
                    body.push(paras[pi].clone());
                    if let Some(next) = paras.get(pi + 1) {
                        body.push(next.clone());
                    }
                }
                body.push(HEADINGS[2][li(l)].to_string());
                body.push(CLOSING[li(l)].to_string());
                texts.insert(l, (title, body));
            }
        }
    }
    Doc {
        source: "template",
        texts,
    }
}

/// How a page set is built.
#[derive(Clone, Debug)]
pub struct Spec {
    pub name: &'static str,
    /// The language every statement is published in first.
    pub original: Lang,
    /// Original statements per day (inclusive range).
    pub per_day: (usize, usize),
    /// Probability that a statement is translated into each language (output order).
    pub p_lang: [f64; 5],
    /// Minimum number of languages per statement (the rest drawn up to it when possible).
    pub min_langs: usize,
    /// Lag of a translation in days: probability of 0, 1, 2, 3.
    pub lag: [f64; 4],
    /// Probability that the scraper missed a published translation.
    pub p_missed: f64,
    /// The site's switcher lists every language of the site on every page (instead of the
    /// languages a statement is published in) …
    pub sitewide_switcher: bool,
    /// … and is missing from this share of the pages.
    pub p_no_switcher: f64,
    /// Share of the pages of one language site rendered as HTML with a content id.
    pub p_html: f64,
    /// Share of statements republished in full on an embassy page with teasers.
    pub p_embassy: f64,
    /// Share of statements opened by a recurring heading, closed by a recurring line.
    pub p_heading: f64,
    pub p_closing: f64,
    /// Template statements per day.
    pub templates_per_day: (usize, usize),
    /// Per translated paragraph: probability of a merge with the next, a split, a drop.
    pub p_merge: f64,
    pub p_split: f64,
    pub p_drop: f64,
    /// Days to fill at least (a template-only set has no documents to run out of).
    pub min_days: usize,
    /// Per translated paragraph: probability that it was left in the original language.
    pub p_untranslated: f64,
}

impl Spec {
    /// A real archive: everything in Russian, half in English, the rest rarely, 20–40 a day.
    pub fn archive() -> Spec {
        Spec {
            name: "archive",
            original: Lang::Ru,
            per_day: (20, 40),
            p_lang: [0.12, 0.5, 0.2, 0.2, 1.0],
            min_langs: 1,
            lag: [0.45, 0.3, 0.15, 0.1],
            p_missed: 0.05,
            sitewide_switcher: false,
            p_no_switcher: 0.2,
            p_html: 0.2,
            p_embassy: 0.05,
            p_heading: 0.3,
            p_closing: 0.15,
            templates_per_day: (3, 8),
            p_merge: 0.04,
            p_split: 0.03,
            p_drop: 0.02,
            min_days: 0,
            p_untranslated: 0.0,
        }
    }

    /// The archive of a site whose switcher lists all five languages on every page.
    pub fn sitewide() -> Spec {
        Spec {
            name: "sitewide",
            sitewide_switcher: true,
            ..Spec::archive()
        }
    }

    /// Statements in three to five languages, about eleven a day, English first.
    pub fn multi() -> Spec {
        Spec {
            name: "multi",
            original: Lang::En,
            per_day: (8, 14),
            p_lang: [0.75, 1.0, 0.75, 0.75, 0.75],
            min_langs: 3,
            lag: [0.7, 0.2, 0.07, 0.03],
            p_missed: 0.05,
            sitewide_switcher: false,
            p_no_switcher: 0.2,
            p_html: 0.15,
            p_embassy: 0.08,
            p_heading: 0.25,
            p_closing: 0.1,
            templates_per_day: (1, 3),
            p_merge: 0.04,
            p_split: 0.03,
            p_drop: 0.02,
            min_days: 0,
            p_untranslated: 0.0,
        }
    }
}

/// What the generator knows about the set it wrote.
#[derive(Debug, Default)]
pub struct Truth {
    /// (file name, teaser title or `None` for the main statement) → statement number.
    pub statements: BTreeMap<(String, Option<String>), usize>,
    /// Per statement: the languages published on the site, and those written to disk.
    pub published: Vec<BTreeSet<Lang>>,
    pub scraped: Vec<BTreeSet<Lang>>,
    /// Per statement: its source ("ntrex", "un", "template", …).
    pub source: Vec<&'static str>,
    /// Per statement: the switcher lists the published languages (0), every language (1), none (2).
    pub switcher: Vec<usize>,
    pub files: usize,
    pub bytes: usize,
    pub days: usize,
}

fn civil(days: usize) -> (i32, usize, usize) {
    let mut d = polyalign::model::Date::new(2021, 1, 1).unwrap();
    for _ in 0..days {
        d = next_day(d);
    }
    (d.year, d.month as usize, d.day as usize)
}

fn next_day(d: polyalign::model::Date) -> polyalign::model::Date {
    use polyalign::model::Date;
    Date::new(d.year, d.month, d.day + 1)
        .or_else(|| Date::new(d.year, d.month + 1, 1))
        .unwrap_or_else(|| Date::new(d.year + 1, 1, 1).unwrap())
}

fn pick(rng: &mut Rng, probs: &[f64]) -> usize {
    let total: f64 = probs.iter().sum();
    let mut x = (rng.next() >> 11) as f64 / (1u64 << 53) as f64 * total;
    for (i, p) in probs.iter().enumerate() {
        if x < *p {
            return i;
        }
        x -= p;
    }
    probs.len() - 1
}

/// Translator's changes to the paragraphs of a version: merges, splits at a sentence end, drops.
fn perturb(body: &[String], spec: &Spec, rng: &mut Rng) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < body.len() {
        let p = &body[i];
        if body.len() > 2 && rng.chance(spec.p_drop) {
            i += 1;
            continue;
        }
        if i + 1 < body.len() && rng.chance(spec.p_merge) {
            out.push(format!("{p} {}", body[i + 1]));
            i += 2;
            continue;
        }
        if rng.chance(spec.p_split) {
            if let Some(pos) = p.find(". ").filter(|&k| k > 20 && k + 20 < p.len()) {
                out.push(p[..=pos].to_string());
                out.push(p[pos + 2..].to_string());
                i += 1;
                continue;
            }
        }
        out.push(p.clone());
        i += 1;
    }
    if out.is_empty() {
        out = body.to_vec();
    }
    out
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A published version teasers can point to: statement, language, title, lead, date.
type Recent = (usize, Lang, String, String, (i32, usize, usize));

/// Writes the pages of a set into `out` (flat folder) and returns the truth.
pub fn render(docs: &[Doc], spec: &Spec, seed: u64, out: &Path, with_templates: bool) -> Truth {
    // xorshift stays at 0 from 0 (every `chance` true: no translations at all); seed 0 is
    // given a fixed non-zero state, other seeds are used as they are.
    let mut rng = Rng(if seed == 0 {
        0x9E37_79B9_7F4A_7C15
    } else {
        seed
    });
    std::fs::create_dir_all(out).expect("create output folder");
    let mut truth = Truth::default();
    // Documents usable in this set: they must exist in the original language.
    let mut order: Vec<usize> = (0..docs.len())
        .filter(|&i| docs[i].texts.contains_key(&spec.original))
        .collect();
    for i in (1..order.len()).rev() {
        let j = rng.below(i + 1);
        order.swap(i, j);
    }
    // File names are shuffled numbers so that their order says nothing.
    let mut names: Vec<usize> = (0..order.len() * 12 + 4000).collect();
    for i in (1..names.len()).rev() {
        let j = rng.below(i + 1);
        names.swap(i, j);
    }
    let mut next_name = 0;
    let mut fresh = |p: &str, ext: &str| {
        let n = names[next_name % names.len()] + names.len() * (next_name / names.len());
        next_name += 1;
        format!("{p}{n:06}.{ext}")
    };
    struct Version {
        lang: Lang,
        title: String,
        body: Vec<String>,
    }
    let mut recent: Vec<Recent> = Vec::new();
    let mut day = 0usize;
    let mut k = 0usize;
    let mut content_id = 40_000usize;
    let mut used: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    while k < order.len() || day < spec.min_days {
        let today = spec.per_day.0 + rng.below(spec.per_day.1 - spec.per_day.0 + 1);
        let n_tpl = if with_templates {
            spec.templates_per_day.0
                + rng.below(spec.templates_per_day.1 - spec.templates_per_day.0 + 1)
        } else {
            0
        };
        let mut batch: Vec<Doc> = Vec::new();
        for _ in 0..today.saturating_sub(n_tpl) {
            if k < order.len() {
                batch.push(docs[order[k]].clone());
                k += 1;
            }
        }
        for t in 0..n_tpl {
            // A ministry does not send the same greeting or condolences twice in a few weeks
            // (the figures would not tell them apart, and neither could a reader).
            let mut kind = (t + rng.below(4)) % 4;
            // Briefings are weekly.
            if kind == 3 && used.keys().any(|&(k, _)| k == 3) {
                let last = used
                    .iter()
                    .filter(|(k, _)| k.0 == 3)
                    .map(|(_, &d)| d)
                    .max()
                    .unwrap_or(0);
                if last + 7 > day {
                    kind = rng.below(3);
                }
            }
            // A national day comes once a year; condolences and talks may recur after three
            // weeks.
            let fresh = |kind: usize, c: usize| match used.get(&(kind, c)) {
                None => true,
                Some(_) if kind == 1 => false,
                Some(&d) => d + 21 <= day,
            };
            let mut c = rng.below(COUNTRIES.len());
            for _ in 0..30 {
                if fresh(kind, c) {
                    break;
                }
                c = rng.below(COUNTRIES.len());
            }
            if kind == 1 && !fresh(1, c) {
                kind = 2;
            }
            if !fresh(kind, c) {
                // Every country of this kind used lately: the one used longest ago, so that
                // one day never carries the same statement twice (one title and lead, a
                // figure apart) while another country is free that day.
                c = (0..COUNTRIES.len())
                    .min_by_key(|&x| (used.get(&(kind, x)).map_or(0, |&d| d + 1), x))
                    .expect("countries");
            }
            used.insert((kind, c), day);
            batch.push(template(kind, c, civil(day), &mut rng, docs));
        }
        for doc in batch {
            let si = truth.published.len();
            truth.source.push(doc.source);
            // Languages published.
            let mut published: BTreeSet<Lang> = BTreeSet::new();
            published.insert(spec.original);
            for l in Lang::ALL {
                if doc.texts.contains_key(&l) && rng.chance(spec.p_lang[l as usize]) {
                    published.insert(l);
                }
            }
            let avail: Vec<Lang> = doc.texts.keys().copied().collect();
            while published.len() < spec.min_langs.min(avail.len()) {
                published.insert(avail[rng.below(avail.len())]);
            }
            let mut scraped = published.clone();
            for &l in &published {
                if l != spec.original && rng.chance(spec.p_missed) {
                    scraped.remove(&l);
                }
            }
            let mode = if rng.chance(spec.p_no_switcher) {
                2
            } else if spec.sitewide_switcher {
                1
            } else {
                0
            };
            let switcher = match mode {
                0 => Some(published.clone()),
                1 => Some(Lang::ALL.into_iter().collect()),
                _ => None,
            };
            let heading = rng.chance(spec.p_heading).then(|| rng.below(2));
            let closing = rng.chance(spec.p_closing);
            let (h0, m0) = (8 + rng.below(12), rng.below(60));
            let cid = content_id;
            // The text of each version as published (an embassy republishes it as is).
            let mut versions: BTreeMap<Lang, (String, Vec<String>)> = BTreeMap::new();
            content_id += 1 + rng.below(3);
            for &l in &scraped {
                let (title, body) = &doc.texts[&l];
                let mut body = if l == spec.original {
                    body.clone()
                } else {
                    let orig = &doc.texts[&spec.original].1;
                    let mut b = body.clone();
                    for (i, p) in b.iter_mut().enumerate() {
                        if rng.chance(spec.p_untranslated) {
                            if let Some(o) = orig.get(i) {
                                *p = o.clone();
                            }
                        }
                    }
                    perturb(&b, spec, &mut rng)
                };
                if let Some(h) = heading {
                    body.insert(0, HEADINGS[h][li(l)].to_string());
                }
                if closing {
                    body.push(CLOSING[li(l)].to_string());
                }
                let v = Version {
                    lang: l,
                    title: title.clone(),
                    body,
                };
                let lag = if l == spec.original {
                    0
                } else {
                    pick(&mut rng, &spec.lag)
                };
                let date = civil(day + lag);
                let time = if l == spec.original {
                    (h0, m0)
                } else {
                    (8 + rng.below(12), rng.below(60))
                };
                let timed = rng.chance(0.8);
                let html = rng.chance(spec.p_html);
                let name;
                let page = if html {
                    name = fresh("h", "html");
                    // Each language site numbers its pages itself.
                    let id = if l == spec.original {
                        cid
                    } else {
                        cid * 7 + 3 + l as usize
                    };
                    let tag = l.default_tag();
                    let mut p = format!(
                        "<!DOCTYPE html>\n<html lang=\"{tag}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{} | MFA</title>\n<link rel=\"canonical\" href=\"https://mfa.example/{}/press/{id}/\">\n</head>\n<body>\n<header class=\"site-header\"><nav class=\"main-menu\"><ul><li><a href=\"/\">Home</a></li><li><a href=\"/press/\">Press</a></li></ul></nav></header>\n<main id=\"content\"><article>\n<header class=\"article-header\"><p class=\"article-date\"><time datetime=\"{:04}-{:02}-{:02}T{:02}:{:02}:00\">{}</time></p>\n<h1>{}</h1></header>\n<div class=\"article-body\">\n",
                        html_escape(&v.title),
                        l.code(),
                        date.0, date.1, date.2, time.0, time.1,
                        polyalign::date::format_date(polyalign::model::Date::new(date.0, date.1 as u8, date.2 as u8).unwrap(), l),
                        html_escape(&v.title)
                    );
                    for para in &v.body {
                        p.push_str(&format!("<p>{}</p>\n", html_escape(para)));
                    }
                    p.push_str("</div>\n</article></main>\n<footer class=\"site-footer\"><p>© 2021 MFA</p></footer>\n</body>\n</html>\n");
                    p
                } else {
                    name = fresh("m", "txt");
                    let dl = super::ministry_date(l, date.0, date.1, date.2, timed.then_some(time));
                    let mut p = format!("{dl}\n\n{}\n\n", v.title);
                    if let Some(sw) = &switcher {
                        let tags: Vec<String> =
                            sw.iter().map(|x| format!("{}1", x.default_tag())).collect();
                        p.push_str(&format!("  • {}\n\n", tags.join(" ")));
                    }
                    for para in &v.body {
                        p.push_str(para);
                        p.push_str("\n\n");
                    }
                    p.push_str("Advanced settings\n");
                    p
                };
                truth.bytes += page.len();
                truth.files += 1;
                std::fs::write(out.join(&name), &page).expect("write page");
                truth.statements.insert((name, None), si);
                let lead = v.body.first().cloned().unwrap_or_default();
                recent.push((si, v.lang, v.title.clone(), lead, date));
                versions.insert(l, (v.title.clone(), v.body.clone()));
            }
            // Embassy republication, in English when there is one, with teasers.
            if rng.chance(spec.p_embassy) {
                let l = if scraped.contains(&Lang::En) {
                    Lang::En
                } else {
                    spec.original
                };
                let (title, body) = &versions[&l];
                let (y, mo, dd) = civil(day + 1);
                let mut page = format!(
                    "{dd} {} {y}\nMoscow: 21:06\nLondon: 19:06\n\nConsular queries:\n+44 (0) 20 7946 0321\n\n{} days have passed since the incident\u{a0}\u{a0}\u{a0}\n\n\n{title}\n\n",
                    polyalign::date::month_name(Lang::En, mo as u8),
                    800 + day
                );
                for para in body {
                    page.push_str(para);
                    page.push_str("\n\n");
                }
                let name = fresh("e", "txt");
                truth.statements.insert((name.clone(), None), si);
                page.push_str("LATEST EVENTS\n\n");
                let same: Vec<&Recent> = recent
                    .iter()
                    .rev()
                    .filter(|r| r.1 == l && r.0 != si)
                    .take(30)
                    .collect();
                for _ in 0..4.min(same.len()) {
                    let r = same[rng.below(same.len())];
                    let (ty, tm, td) = r.4;
                    // The truth knows a teaser by its page and title: a title already listed
                    // (the same statement drawn again, or a template's other statement with
                    // the same title) is left out, as the evaluation could not tell the two
                    // apart. The draw is made all the same, so the rest of the set is unchanged.
                    let key = (name.clone(), Some(polyalign::text::normalize_line(&r.2)));
                    if lead_ok(&r.3) && !truth.statements.contains_key(&key) {
                        page.push_str(&format!("{td:02}.{tm:02}.{ty} - {}\n\n{}\n\n", r.2, r.3));
                        truth.statements.insert(key, r.0);
                    }
                }
                page.push_str("all messages\n");
                truth.bytes += page.len();
                truth.files += 1;
                std::fs::write(out.join(&name), &page).expect("write page");
            }
            truth.switcher.push(mode);
            truth.published.push(published);
            truth.scraped.push(scraped);
        }
        day += 1;
        if recent.len() > 400 {
            recent.drain(..200);
        }
    }
    truth.days = day + 3;
    truth
}

/// A teaser lead must not look like a teaser head or a label itself.
fn lead_ok(lead: &str) -> bool {
    !lead.is_empty() && lead.chars().any(|c| c.is_lowercase())
}
