#!/usr/bin/env python3
"""Writes the HTML fixtures and expected.json of this folder (all text written for polyalign).

Run from this folder: python3 make_fixtures.py. The committed files are the source of truth for
the tests; this script only documents how they were made.
"""
import json

SITE = "https://mfa.example"
LANGS = ["de", "en", "es", "ru", "fr"]
TAGS = {"de": "de-DE", "en": "en-GB", "es": "es-ES", "ru": "ru-RU", "fr": "fr-FR"}
DATE_ISO = "2021-03-12T14:30:00+01:00"

C = {
    "de": dict(
        site="Außenministerium",
        title="Erklärung des Außenministers zum Abschluss des Ministertreffens des Arktischen Rates",
        date_text="12. März 2021, 14:30 Uhr",
        cookie="Diese Website verwendet Cookies. Mit der Nutzung stimmen Sie dem zu.",
        menu=["Startseite", "Presse", "Minister", "Außenpolitik"],
        crumbs=["Startseite", "Presse"],
        paras=[
            ("Das Ministertreffen des Arktischen Rates in Reykjavík ist heute mit der Annahme einer gemeinsamen Erklärung zu Ende gegangen.",
             "Das Ministertreffen des Arktischen Rates in <a href=\"/de/arctic/\">Reykjavík</a> ist heute mit der Annahme einer gemeinsamen Erklärung zu Ende gegangen."),
            ("Wir begrüßen, dass sich alle acht Mitgliedstaaten auf einen strategischen Plan für die Jahre 2021 bis 2030 geeinigt haben.",
             "Wir begrüßen, dass sich <strong>alle acht Mitgliedstaaten</strong> auf einen strategischen Plan für die Jahre 2021 bis 2030 geeinigt haben."),
            ("Die Minister haben drei Schwerpunkte vereinbart:\nKlimaforschung und Beobachtung des Permafrosts,\nSicherheit der Schifffahrt,\nRechte der indigenen Völker.",
             "Die Minister haben drei Schwerpunkte vereinbart:<br>\n      Klimaforschung und Beobachtung des Permafrosts,<br>\n      Sicherheit der Schifffahrt,<br/>\n      Rechte der indigenen Völker."),
            ("„Die Arktis muss ein Gebiet des Friedens und der Zusammenarbeit bleiben“, betonte der Minister.",
             "„Die Arktis muss ein Gebiet des Friedens und der Zusammenarbeit bleiben“, betonte der&nbsp;Minister."),
            ("Das nächste Treffen findet im Mai 2023 statt; bis dahin führt Russland den Vorsitz.",
             "Das nächste Treffen findet im Mai 2023 statt; bis dahin führt <em>Russland</em> den Vorsitz."),
        ],
        news="Neueste Meldungen",
        teasers=[
            ("10.03.2021", "Außenminister trifft norwegische Amtskollegin", "Bei dem Gespräch ging es um die Fischerei in der Barentssee."),
            ("08.03.2021", "Erklärung zum Internationalen Frauentag", "Das Ministerium gratuliert allen Frauen im diplomatischen Dienst."),
            ("05.03.2021", "Konsultationen über Visaerleichterungen", "Die Delegationen vereinbarten eine weitere Runde im April."),
        ],
        footer="© 2021 Außenministerium. Alle Rechte vorbehalten.",
    ),
    "en": dict(
        site="Ministry of Foreign Affairs",
        title="Statement by the Foreign Minister on the outcome of the Arctic Council ministerial meeting",
        date_text="12 March 2021, 14:30",
        cookie="This website uses cookies. By using it you agree to this.",
        menu=["Home", "Press", "Minister", "Foreign policy"],
        crumbs=["Home", "Press"],
        paras=[
            ("The Arctic Council ministerial meeting in Reykjavik ended today with the adoption of a joint declaration.",
             "The Arctic Council ministerial meeting in <a href=\"/en/arctic/\">Reykjavik</a> ended today with the adoption of a joint declaration."),
            ("We welcome the fact that all eight member states have agreed on a strategic plan for 2021 to 2030.",
             "We welcome the fact that <strong>all eight member states</strong> have agreed on a strategic plan for 2021 to 2030."),
            ("The ministers agreed on three priorities:\nclimate research and permafrost monitoring,\nsafety of shipping,\nthe rights of indigenous peoples.",
             "The ministers agreed on three priorities:<br>\n      climate research and permafrost monitoring,<br>\n      safety of shipping,<br/>\n      the rights of indigenous peoples."),
            ("“The Arctic must remain a territory of peace and cooperation,” the Minister stressed.",
             "“The Arctic must remain a territory of peace and cooperation,” the&nbsp;Minister stressed."),
            ("The next meeting will take place in May 2023; until then Russia holds the chairmanship.",
             "The next meeting will take place in May 2023; until then <em>Russia</em> holds the chairmanship."),
        ],
        news="Latest news",
        teasers=[
            ("10.03.2021", "Foreign Minister meets his Norwegian counterpart", "The talks focused on fisheries in the Barents Sea."),
            ("08.03.2021", "Statement on International Women's Day", "The Ministry congratulates all women in the diplomatic service."),
            ("05.03.2021", "Consultations on visa facilitation", "The delegations agreed to hold another round in April."),
        ],
        footer="© 2021 Ministry of Foreign Affairs. All rights reserved.",
    ),
    "es": dict(
        site="Ministerio de Asuntos Exteriores",
        title="Declaración del Ministro de Asuntos Exteriores sobre los resultados de la reunión ministerial del Consejo Ártico",
        date_text="12 de marzo de 2021, 14:30",
        cookie="Este sitio web utiliza cookies. Al usarlo, usted lo acepta.",
        menu=["Inicio", "Prensa", "Ministro", "Política exterior"],
        crumbs=["Inicio", "Prensa"],
        paras=[
            ("La reunión ministerial del Consejo Ártico en Reikiavik ha concluido hoy con la aprobación de una declaración conjunta.",
             "La reunión ministerial del Consejo Ártico en <a href=\"/es/arctic/\">Reikiavik</a> ha concluido hoy con la aprobación de una declaración conjunta."),
            ("Celebramos que los ocho Estados miembros hayan acordado un plan estratégico para el período 2021-2030.",
             "Celebramos que <strong>los ocho Estados miembros</strong> hayan acordado un plan estratégico para el período 2021-2030."),
            ("Los ministros acordaron tres prioridades:\nla investigación climática y la vigilancia del permafrost,\nla seguridad de la navegación,\nlos derechos de los pueblos indígenas.",
             "Los ministros acordaron tres prioridades:<br>\n      la investigación climática y la vigilancia del permafrost,<br>\n      la seguridad de la navegación,<br/>\n      los derechos de los pueblos indígenas."),
            ("«El Ártico debe seguir siendo un territorio de paz y cooperación», subrayó el Ministro. ¿Quién podría oponerse?",
             "«El Ártico debe seguir siendo un territorio de paz y cooperación», subrayó el&nbsp;Ministro. ¿Quién podría oponerse?"),
            ("La próxima reunión se celebrará en mayo de 2023; hasta entonces, Rusia ocupa la presidencia.",
             "La próxima reunión se celebrará en mayo de 2023; hasta entonces, <em>Rusia</em> ocupa la presidencia."),
        ],
        news="Últimas noticias",
        teasers=[
            ("10.03.2021", "El Ministro se reúne con su homóloga noruega", "La conversación se centró en la pesca en el mar de Barents."),
            ("08.03.2021", "Declaración con motivo del Día Internacional de la Mujer", "El Ministerio felicita a todas las mujeres del servicio diplomático."),
            ("05.03.2021", "Consultas sobre la facilitación de visados", "Las delegaciones acordaron celebrar otra ronda en abril."),
        ],
        footer="© 2021 Ministerio de Asuntos Exteriores. Todos los derechos reservados.",
    ),
    "ru": dict(
        site="Министерство иностранных дел",
        title="Заявление Министра иностранных дел по итогам министерской сессии Арктического совета",
        date_text="12 марта 2021 г., 14:30",
        cookie="Этот сайт использует файлы cookie. Продолжая работу, вы соглашаетесь с этим.",
        menu=["Главная", "Пресса", "Министр", "Внешняя политика"],
        crumbs=["Главная", "Пресса"],
        paras=[
            ("Министерская сессия Арктического совета в Рейкьявике завершилась сегодня принятием совместной декларации.",
             "Министерская сессия Арктического совета в <a href=\"/ru/arctic/\">Рейкьявике</a> завершилась сегодня принятием совместной декларации."),
            ("Приветствуем то, что все восемь государств-членов согласовали стратегический план на 2021–2030 годы.",
             "Приветствуем то, что <strong>все восемь государств-членов</strong> согласовали стратегический план на 2021–2030 годы."),
            ("Министры договорились о трёх приоритетах:\nизучение климата и мониторинг вечной мерзлоты,\nбезопасность судоходства,\nправа коренных народов.",
             "Министры договорились о трёх приоритетах:<br>\n      изучение климата и мониторинг вечной мерзлоты,<br>\n      безопасность судоходства,<br/>\n      права коренных народов."),
            ("«Арктика должна оставаться территорией мира и сотрудничества», – подчеркнул Министр.",
             "«Арктика должна оставаться территорией мира и сотрудничества», – подчеркнул&nbsp;Министр."),
            ("Следующая встреча состоится в мае 2023 года; до этого времени председательствует Россия.",
             "Следующая встреча состоится в мае 2023 года; до этого времени председательствует <em>Россия</em>."),
        ],
        news="Последние новости",
        teasers=[
            ("10.03.2021", "Министр встретился с норвежским коллегой", "В ходе беседы обсуждалось рыболовство в Баренцевом море."),
            ("08.03.2021", "Заявление по случаю Международного женского дня", "Министерство поздравляет всех женщин дипломатической службы."),
            ("05.03.2021", "Консультации по упрощению визового режима", "Делегации договорились провести следующий раунд в апреле."),
        ],
        footer="© 2021 Министерство иностранных дел. Все права защищены.",
    ),
    "fr": dict(
        site="Ministère des Affaires étrangères",
        title="Déclaration du ministre des Affaires étrangères à l’issue de la réunion ministérielle du Conseil de l’Arctique",
        date_text="12 mars 2021, 14 h 30",
        cookie="Ce site utilise des cookies. En le consultant, vous l’acceptez.",
        menu=["Accueil", "Presse", "Ministre", "Politique étrangère"],
        crumbs=["Accueil", "Presse"],
        paras=[
            ("La réunion ministérielle du Conseil de l’Arctique à Reykjavik s’est achevée aujourd’hui par l’adoption d’une déclaration commune.",
             "La réunion ministérielle du Conseil de l’Arctique à <a href=\"/fr/arctic/\">Reykjavik</a> s’est achevée aujourd’hui par l’adoption d’une déclaration commune."),
            ("Nous saluons le fait que les huit États membres se soient entendus sur un plan stratégique pour 2021-2030.",
             "Nous saluons le fait que <strong>les huit États membres</strong> se soient entendus sur un plan stratégique pour 2021-2030."),
            ("Les ministres sont convenus de trois priorités :\nla recherche climatique et la surveillance du pergélisol,\nla sécurité de la navigation,\nles droits des peuples autochtones.",
             "Les ministres sont convenus de trois priorités&nbsp;:<br>\n      la recherche climatique et la surveillance du pergélisol,<br>\n      la sécurité de la navigation,<br/>\n      les droits des peuples autochtones."),
            ("« L’Arctique doit rester un territoire de paix et de coopération », a souligné le ministre.",
             "«&nbsp;L’Arctique doit rester un territoire de paix et de coopération&nbsp;», a souligné le&nbsp;ministre."),
            ("La prochaine réunion aura lieu en mai 2023 ; d’ici là, la Russie assure la présidence.",
             "La prochaine réunion aura lieu en mai 2023&nbsp;; d’ici là, la <em>Russie</em> assure la présidence."),
        ],
        news="Dernières actualités",
        teasers=[
            ("10.03.2021", "Le ministre rencontre son homologue norvégienne", "L’entretien a porté sur la pêche en mer de Barents."),
            ("08.03.2021", "Déclaration à l’occasion de la Journée internationale des femmes", "Le ministère félicite toutes les femmes du service diplomatique."),
            ("05.03.2021", "Consultations sur la facilitation des visas", "Les délégations sont convenues d’un nouveau cycle en avril."),
        ],
        footer="© 2021 Ministère des Affaires étrangères. Tous droits réservés.",
    ),
}


def url(lc, cid=1234):
    return f"{SITE}/{lc}/press/{cid}/"


def page(lc):
    c = C[lc]
    alts = "\n".join(f'  <link rel="alternate" hreflang="{TAGS[l]}" href="{url(l)}">' for l in LANGS)
    menu = "".join(f'<li><a href="/{lc}/{i}/">{m}</a></li>' for i, m in enumerate(c["menu"]))
    switch = []
    for l in LANGS:
        if l == lc:
            switch.append(f'      <li class="active"><span lang="{TAGS[l]}">{l.upper()}</span></li>')
        else:
            switch.append(f'      <li><a href="{url(l)}" hreflang="{TAGS[l]}">{l.upper()}</a></li>')
    crumbs = "".join(f'<li><a href="/{lc}/">{x}</a></li>' for x in c["crumbs"])
    paras = "\n".join(f"        <p>{html}</p>" for _, html in c["paras"])
    teasers = "\n".join(
        f'      <li class="news-item">\n        <span class="date">{d}</span>\n        <a href="{url(lc, 1230 - i)}">{t}</a>\n        <p class="lead">{lead}</p>\n      </li>'
        for i, (d, t, lead) in enumerate(c["teasers"])
    )
    return f"""<!DOCTYPE html>
<html lang="{TAGS[lc]}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{c['title']} | {c['site']}</title>
  <link rel="canonical" href="{url(lc)}">
{alts}
  <link rel="alternate" hreflang="x-default" href="{url('en')}">
  <meta property="og:url" content="{url(lc)}?from=og">
  <style>
    body {{ font-family: sans-serif; }}
    .cookie-banner {{ position: fixed; bottom: 0; }}
  </style>
  <script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
</head>
<body>
  <div id="cookie-consent" class="cookie-banner">
    <p>{c['cookie']}</p>
    <button type="button">OK</button>
  </div>
  <header class="site-header">
    <a class="logo" href="/{lc}/">{c['site']}</a>
    <nav class="main-menu"><ul>{menu}</ul></nav>
    <ul class="lang-switcher">
{chr(10).join(switch)}
    </ul>
  </header>
  <nav class="breadcrumbs" aria-label="breadcrumb"><ol>{crumbs}</ol></nav>
  <main id="content">
    <article class="press-release">
      <header class="article-header">
        <p class="article-date"><time datetime="{DATE_ISO}">{c['date_text']}</time></p>
        <h1>{c['title']}</h1>
      </header>
      <div class="article-body">
{paras}
      </div>
      <div class="share-buttons"><a href="#">Facebook</a> <a href="#">Telegram</a></div>
    </article>
    <section class="latest-news">
      <h2>{c['news']}</h2>
      <ul class="news-list">
{teasers}
      </ul>
    </section>
  </main>
  <footer class="site-footer">
    <p>{c['footer']}</p>
    <a href="/{lc}/contacts/">Kontakt</a>
  </footer>
  <script src="/static/app.js"></script>
  <script>
    document.querySelector('.cookie-banner button').addEventListener('click', function () {{ this.parentNode.remove(); }});
  </script>
</body>
</html>
"""


expected = {}
for lc in LANGS:
    c = C[lc]
    name = f"mfa-1234-{lc}.html"
    open(name, "w", encoding="utf-8").write(page(lc))
    expected[name] = dict(
        lang=TAGS[lc],
        canonical=url(lc),
        alternates=[TAGS[l] for l in LANGS],
        title=c["title"],
        date="2021-03-12 14:30",
        switcher=[TAGS[l] for l in LANGS],
        paragraphs=[p for p, _ in c["paras"]],
        sections=[c["news"]],
        teasers=[[f"{d} - {t}", lead] for d, t, lead in c["teasers"]],
    )

# Russian page in windows-1251, declared by <meta charset>, with a text-only switcher.
ru_title = "Комментарий официального представителя МИД о консультациях по Арктике"
ru_paras = [
    "Двадцатого апреля в Москве прошли консультации по вопросам сотрудничества в Арктике.",
    "Стороны обсудили подготовку к заседанию Совета и вопросы экологической безопасности.",
    "Было отмечено, что «арктическое сотрудничество не должно зависеть от политической конъюнктуры».",
]
ru = f"""<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="windows-1251">
<title>{ru_title} — МИД</title>
<link rel="canonical" href="{SITE}/ru/press/5678/">
</head>
<body>
<div class="header-top"><div class="lang"><a href="/de/press/5678/">Deutsch</a> | <a href="/en/press/5678/">English</a> | <span>Русский</span> | <a href="/fr/press/5678/">FR</a></div></div>
<div id="content">
<div class="date">21.04.2021</div>
<h1>{ru_title}</h1>
{chr(10).join(f'<p>{p}</p>' for p in ru_paras)}
</div>
<div class="footer">Все права защищены</div>
</body>
</html>
"""
open("mfa-5678-ru-cp1251.html", "wb").write(ru.encode("cp1251"))
expected["mfa-5678-ru-cp1251.html"] = dict(
    lang="ru", canonical=f"{SITE}/ru/press/5678/", alternates=[], title=ru_title, date="21.04.2021",
    switcher=["de-DE", "en-GB", "ru-RU", "FR"], paragraphs=ru_paras, sections=[], teasers=[],
    encoding="windows-1251",
)

# An HTML page saved without extension (recognised by sniffing).
noext_paras = [
    "The Ministry has published the programme of the Minister's visit to Lisbon.",
    "Talks with the Portuguese Foreign Minister are scheduled for 15 June.",
]
noext = f"""<html><head><title>Visit programme – MFA</title></head>
<body>
<div class="navbar"><a href="/">Home</a> <a href="/press/">Press</a></div>
<div class="content">
<p>{noext_paras[0]}</p>
<p>{noext_paras[1]}</p>
</div>
</body></html>
"""
open("saved-page-9012", "w", encoding="utf-8").write(noext)
expected["saved-page-9012"] = dict(
    lang=None, canonical=None, alternates=[], title="Visit programme", date=None, switcher=None,
    paragraphs=noext_paras, sections=[], teasers=[],
)

# Broken markup: unclosed <p>, <li>, <div>, a stray </span>, a missing </body></html>.
broken = f"""<!doctype html>
<html lang=es>
<head><meta charset=utf-8><title>Comunicado</title>
<body>
<nav><a href="/">Inicio</a></nav>
<article>
<h1>Comunicado sobre la cooperación pesquera
<p>Primer párrafo sin cierre
<p>Segundo párrafo con <b>negrita sin cerrar y texto</span> final
<ul><li>uno<li>dos</ul>
<div>Texto directo en un div
<p>Último párrafo.
"""
open("broken-tags.html", "w", encoding="utf-8").write(broken)
expected["broken-tags.html"] = dict(
    lang="es", canonical=None, alternates=[], title="Comunicado sobre la cooperación pesquera", date=None,
    switcher=None,
    paragraphs=["Primer párrafo sin cierre", "Segundo párrafo con negrita sin cerrar y texto final", "uno", "dos",
                "Texto directo en un div", "Último párrafo."],
    sections=[], teasers=[],
)

json.dump(expected, open("expected.json", "w", encoding="utf-8"), ensure_ascii=False, indent=2)
open("expected.json", "a").write("\n")
