"""The report of `manage.py bench --national`: tables with ratios, and each target met or not met.

`render(results)` takes what tools/bench/national.py gathered ({"builds": ..., "sizes": {sites: child
figures}}) and returns markdown; `verdicts(results)` is the list of (target, figure, met) it prints.
"""

from tools.bench.runner import throughput_row

KIM_PAGES = ["kim_home", "post", "post_index", "post_index_deep", "tag", "feed", "sitemap"]
PORTAL_PAGES = ["portal", "portal_regency", "portal_category", "directory", "sitemap_index"]
SEARCH_PAGES = ["search_kim", "search_portal"]
MODES = [("anon_uncached", "anonymous, uncached"), ("anon_cached", "anonymous, cached"), ("signed_in", "signed in")]


def _sizes(results):
    return sorted(int(n) for n in results["sizes"])


def _size(results, n):
    return results["sizes"].get(n) or results["sizes"].get(str(n))


def _ratio(value, base):
    if value is None or not base:
        return None
    return value / base


def _fmt_ratio(ratio):
    return "–" if ratio is None else f"{ratio:.2f}×"


def _page(results, n, page, mode):
    row = _size(results, n).get("pages", {}).get(page)
    if not row:
        return None, None
    return row[f"{mode}_ms"], row[f"{mode}_queries"]


def verdicts(results):
    """[(target, measured, met)] for every target of the national benchmark that was measured."""
    sizes = _sizes(results)
    small, large = sizes[0], sizes[-1]
    middle = next((n for n in sizes if n == 10_000), sizes[-2] if len(sizes) > 2 else None)
    out = []
    worst, worst_name, same_queries, missing = 0.0, "", True, []
    for page in KIM_PAGES:
        for mode in ("anon_uncached", "signed_in"):
            base, base_q = _page(results, small, page, mode)
            value, value_q = _page(results, large, page, mode)
            ratio = _ratio(value, base)
            if ratio is None:
                missing.append(page)
            elif ratio > worst:
                worst, worst_name = ratio, f"{page} {mode.replace('_', ' ')}"
            same_queries &= base_q == value_q
    out.append(
        (
            f"KIM pages at {large:,} vs {small:,} sites ≤ 1.15×, same queries",
            f"worst {worst:.2f}× ({worst_name}); queries {'equal' if same_queries else 'differ'}"
            + (f"; not measured: {', '.join(sorted(set(missing)))}" if missing else ""),
            worst <= 1.15 and same_queries and not missing,
        )
    )
    if middle:
        worst, worst_name, missing = 0.0, "", []
        for page in PORTAL_PAGES:
            base, _ = _page(results, middle, page, "anon_uncached")
            value, _ = _page(results, large, page, "anon_uncached")
            ratio = _ratio(value, base)
            if ratio is None:
                missing.append(page)
            elif ratio > worst:
                worst, worst_name = ratio, page
        out.append(
            (
                f"portal pages at {large:,} vs {middle:,} sites ≤ 1.5× (uncached)",
                f"worst {worst:.2f}× ({worst_name})" + (f"; not measured: {', '.join(missing)}" if missing else ""),
                worst <= 1.5 and not missing,
            )
        )
    growing = growing_statements(results)
    out.append(
        (
            "no statement grows with other KIMs' posts (shared buffers ≤ 1.5× from 10,000 sites)",
            ", ".join(f"{page} {ratio:.1f}×" for page, ratio in growing) or "none",
            not growing,
        )
    )
    for page in SEARCH_PAGES:
        value, _ = _page(results, large, page, "anon_uncached")
        out.append((f"{page} ≤ 100 ms median at {large:,} sites", f"{value} ms", value is not None and value <= 100))
    for n in sorted({middle or large, large}):
        dash = _size(results, n).get("dashboard", {})
        for view in ("dashboard", "queue"):
            none, many = dash.get(f"{view}_none"), dash.get(f"{view}_many")
            if none and many and none["ms"] and many["ms"]:
                ratio = many["ms"] / none["ms"]
                extra = many["queries"] - none["queries"]
                out.append(
                    (
                        f"moderation {view} at {n:,} sites with {many['pending']:,} pending ≤ 1.5× none, ≤ +5 queries",
                        f"{ratio:.2f}× ({none['ms']} → {many['ms']} ms), {extra:+d} queries",
                        ratio <= 1.5 and extra <= 5,
                    )
                )
    dash = _size(results, large).get("dashboard", {})
    kinerja = dash.get("kinerja_many") or dash.get("kinerja_none")
    if kinerja:
        out.append(("kinerja report of one regency ≤ 2 s", f"{kinerja['ms']} ms, {kinerja['queries']} queries",
                    kinerja["ms"] is not None and kinerja["ms"] <= 2_000))  # fmt: skip
    country = _size(results, large).get("kinerja_country")
    if country:
        out.append(("kinerja report of the whole country ≤ 2 s", f"{country['ms']} ms, {country['queries']} queries",
                    country["status"] == 200 and country["ms"] <= 2_000))  # fmt: skip
    queries = [(_size(results, n).get("kinerja_country") or {}).get("queries") for n in sizes]
    out.append(("kinerja: a fixed number of queries at every size", " / ".join(str(q) for q in queries),
                len(set(queries)) == 1))  # fmt: skip
    index = _size(results, large).get("site_index", {})
    cold = index.get("cold_start", {})
    if cold:
        grown = cold["rss_after_index_mb"] - cold["rss_before_mb"]
        out.append(
            (
                f"site index cold start at {large:,} sites ≤ 2 s and ≤ 100 MB",
                f"{cold['index_build_s']} s, +{grown:.0f} MB resident (snapshot {index['snapshot_mb']} MB)",
                cold["index_build_s"] <= 2 and grown <= 100,
            )
        )
        base = (_size(results, small).get("site_index") or {}).get("after_new_kim_ms")
        after = index.get("after_new_kim_ms")
        ratio = _ratio(after, base)
        out.append(
            (
                "one Site change costs each process the same at every size",
                f"{base} ms at {small:,}, {after} ms at {large:,} sites ({_fmt_ratio(ratio)})",
                ratio is not None and ratio <= 1.5,
            )
        )
    serving = _size(results, large).get("serving")
    if serving:
        rest, during = serving["rest"], serving["during"]
        ratio = _ratio(during.get("p99_ms"), rest.get("p99_ms"))
        failures = rest["failures"] + during["failures"] + serving["after"]["failures"]
        out.append(
            (
                f"while importing {serving['kims_imported']:,} KIMs: p99 ≤ 2× at rest, no failure",
                f"p99 {rest.get('p99_ms')} → {during.get('p99_ms')} ms ({_fmt_ratio(ratio)}), {failures} failures, "
                f"import exit {serving['import_exit']}",
                ratio is not None and ratio <= 2 and failures == 0 and serving["import_exit"] == 0,
            )
        )
    throughput = _size(results, large).get("throughput")
    if throughput:
        share = throughput["post_uncached"]["vs_trivial"]
        out.append(("uncached post ≥ 15% of the trivial view's requests/s", f"{share:.0%}", share >= 0.15))
    return out


def growing_statements(results):
    """Pages whose statements touch > 1.5× the shared buffers at the largest size than at 10,000 sites
    (or the smallest size, without one). Between 10,000 and 100,000 sites every KIM has as many posts
    and the other KIMs ten times as many; the 10-site database is so small that every table and
    index fits in a handful of blocks, which no larger database can match."""
    sizes = _sizes(results)
    base = 10_000 if 10_000 in sizes[:-1] else sizes[0]
    small, large = _size(results, base).get("buffers", {}), _size(results, sizes[-1]).get("buffers", {})
    out = []
    for page in KIM_PAGES + PORTAL_PAGES + SEARCH_PAGES:
        if page in small and page in large and small[page]["blocks"]:
            ratio = large[page]["blocks"] / small[page]["blocks"]
            if ratio > 1.5:
                out.append((page, ratio))
    return out


def render(results):
    sizes = _sizes(results)
    first = _size(results, sizes[0])
    m = first["machine"]
    lines = [f"# National benchmark {m['date']}\n"]
    lines.append(
        f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m['memory']} RAM; Python {m['python']}, Django {m['django']}, "
        f"Wagtail {m['wagtail']}; PostgreSQL {m['postgresql']} (shared_buffers {m['shared_buffers']}, search "
        f"configuration `{m['search_config']}`), Redis {m['redis']}. Whole run: {results['duration_s'] / 60:.0f} min.\n"
    )
    lines.append("## Data set\n")
    keys = [
        ("kims", "KIM sites"),
        ("regencies", "regencies"),
        ("provinces", "provinces"),
        ("pages", "pages"),
        ("live_posts", "live posts"),
        ("post_tags", "post tags"),
        ("search_entries", "search entries"),
        ("english_pages", "English pages"),
        ("database_mb", "database size (MB)"),
    ]
    lines.append("| | " + " | ".join(f"{n:,} sites" for n in sizes) + " |")
    lines.append("|---" * (len(sizes) + 1) + "|")
    for key, label in keys:
        lines.append(f"| {label} | " + " | ".join(f"{_size(results, n)['counts'][key]:,}" for n in sizes) + " |")
    c = _size(results, sizes[-1])["counts"]
    lines.append(f"| post dates | {c['first_post_day']} to {c['last_post_day']} |" + " |" * (len(sizes) - 1))
    lines.append("")
    lines.append("Build (seconds per stage, as recorded in each database):\n")
    for n in sizes:
        build = _size(results, n)["build"]
        parts = []
        for stage, figures in build.items():
            seconds = figures.get("s", figures.get("provision_s"))
            detail = ""
            if stage == "provision":
                detail = (
                    f" ({figures['kims']:,} KIMs through provision_kims, {figures['ms_per_kim_first_chunk']}→"
                    f"{figures['ms_per_kim_last_chunk']} ms per KIM first→last chunk, worker {figures['worker_s']} s)"
                )
            elif stage.startswith("integrity"):
                detail = (
                    f" (find_problems pages {figures['page_find_problems']} in {figures['page_find_problems_s']} s, "
                    f"collections {figures['collection_find_problems']}, pages without specific row "
                    f"{figures['pages_without_specific_row']}, live pages without search entry "
                    f"{figures['live_pages_without_search_entry']}: {'ok' if figures['ok'] else 'PROBLEMS'})"
                )
            parts.append(f"{stage} {seconds if seconds is not None else '–'} s{detail}")
        lines.append(f"- {n:,} sites: " + "; ".join(parts))
    lines.append("")
    small, middle = sizes[0], next((n for n in sizes if n == 10_000), None)
    large = sizes[-1]
    lines.append("## Pages (median ms, queries)\n")
    header = "| page | " + " | ".join(f"{n:,} sites" for n in sizes) + f" | {large:,}/{small:,}"
    if middle and middle not in (small, large):
        header += f" | {large:,}/{middle:,}"
    lines.append(header + " |")
    lines.append("|---" * (header.count("|")) + "|")
    for page in KIM_PAGES + PORTAL_PAGES + SEARCH_PAGES:
        for mode, label in MODES:
            cells = []
            for n in sizes:
                ms, q = _page(results, n, page, mode)
                cells.append("–" if ms is None else f"{ms} ms, {q} q")
            ratios = [_fmt_ratio(_ratio(_page(results, large, page, mode)[0], _page(results, small, page, mode)[0]))]
            if middle and middle not in (small, large):
                base = _page(results, middle, page, mode)[0]
                ratios.append(_fmt_ratio(_ratio(_page(results, large, page, mode)[0], base)))
            lines.append(f"| {page} {label} | " + " | ".join(cells + ratios) + " |")
    lines.append("")
    lines.append("## Shared buffers per uncached page (EXPLAIN ANALYZE BUFFERS, all SELECTs of one request)\n")
    lines.append(
        "| page | "
        + " | ".join(f"{n:,} sites" for n in sizes)
        + f" | {large:,}/{small:,}"
        + (f" | {large:,}/{middle:,}" if middle and middle not in (small, large) else "")
        + f" | costliest statement at {large:,} |"
    )
    lines.append("|---" * (len(sizes) + 3 + (1 if middle and middle not in (small, large) else 0)) + "|")
    for page in KIM_PAGES + PORTAL_PAGES + SEARCH_PAGES:
        rows = [_size(results, n).get("buffers", {}).get(page) for n in sizes]
        if not all(rows):
            continue
        cells = [f"{r['blocks']:,} ({r['statements']} st.)" for r in rows]
        ratio = _fmt_ratio(_ratio(rows[-1]["blocks"], rows[0]["blocks"]))
        if middle and middle not in (small, large):
            ratio += " | " + _fmt_ratio(_ratio(rows[-1]["blocks"], rows[sizes.index(middle)]["blocks"]))
        worst = rows[-1]
        lines.append(
            f"| {page} | " + " | ".join(cells) + f" | {ratio} | {worst['worst_blocks']:,} blocks: "
            f"`{_short_sql(worst['worst_sql'])}` |"
        )
    lines.append("")
    lines.append("## Moderation and kinerja (regency moderator; the whole country for a provincial administrator)\n")
    lines.append("| sites | view | pending | ms | queries |")
    lines.append("|---|---|---|---|---|")
    for n in sizes:
        for key, row in _size(results, n).get("dashboard", {}).items():
            lines.append(f"| {n:,} | {key.rsplit('_', 1)[0]} | {row['pending']:,} | {row['ms']} | {row['queries']} |")
        country = _size(results, n).get("kinerja_country")
        if country:
            lines.append(f"| {n:,} | kinerja, whole country | – | {country['ms']} | {country['queries']} |")
    lines.append("")
    lines.append("## Site index per process\n")
    lines.append(
        "| sites | build in process | snapshot (tracemalloc) | cold start: index build | resident before → after index |"
        " first request | after one new KIM |"
    )
    lines.append("|---|---|---|---|---|---|---|")
    for n in sizes:
        s = _size(results, n).get("site_index")
        if s:
            cold = s["cold_start"]
            lines.append(
                f"| {s['sites']:,} | {s['build_ms']} ms | {s['snapshot_mb']} MB (peak {s['build_peak_mb']} MB) | "
                f"{cold['index_build_s']} s | {cold['rss_before_mb']} → {cold['rss_after_index_mb']} MB | "
                f"{cold['first_request_s']} s | {s['after_new_kim_ms']} ms |"
            )
    lines.append("")
    lines.append("## Throughput under gunicorn (2 workers, loopback, 4 client threads)\n")
    lines.append("| sites | trivial view | cached post | uncached post | cached/trivial | uncached/trivial |")
    lines.append("|---|---|---|---|---|---|")
    for n in sizes:
        t = _size(results, n).get("throughput")
        if t:
            lines.append(throughput_row(n, t))
    lines.append("")
    serving = _size(results, large).get("serving")
    if serving:
        lines.append(
            f"## Serving while `import_kims` provisions {serving['kims_imported']:,} KIMs ({large:,} sites, gunicorn "
            "2 workers, 2 clients at ≤ 10 requests/s each)\n"
        )
        lines.append("Pages, in turn: " + ", ".join(f"`{p}`" for p in serving["pages"]) + "\n")
        lines.append("| phase | requests | p50 | p99 | max | failures |")
        lines.append("|---|---|---|---|---|---|")
        for phase in ("rest", "during", "after"):
            r = serving[phase]
            lines.append(
                f"| {phase} | {r['requests']:,} | {r.get('p50_ms')} ms | {r.get('p99_ms')} ms | {r.get('max_ms')} ms | "
                f"{r['failures']} |"
            )
        lines.append(f"\nImport: {serving['import_s']} s, exit status {serving['import_exit']}.\n")
    lines.append("## Search plans (PostgreSQL, `indonesian` configuration)\n")
    for name, plans in _size(results, large).get("search_plans", {}).items():
        for plan in plans[:2]:
            lines.append(f"{name} at {large:,} sites:\n")
            lines.append("```\n" + _trim_plan(plan["plan"]) + "\n```\n")
    lines.append("## Against the targets\n")
    lines.append("| target | measured | |")
    lines.append("|---|---|---|")
    for target, figure, met in verdicts(results):
        lines.append(f"| {target} | {figure} | {'met' if met else '**not met**'} |")
    return "\n".join(lines) + "\n"


def _short_sql(sql, limit=110):
    sql = " ".join(sql.split())
    where = sql.find(" FROM ")
    text = sql[where + 1 :] if where > 0 else sql
    return (text[:limit] + "…") if len(text) > limit else text


def _trim_plan(plan, lines=40):
    rows = plan.splitlines()
    return "\n".join(rows[:lines] + ([f"... ({len(rows) - lines} more lines)"] if len(rows) > lines else []))
