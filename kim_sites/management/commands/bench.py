"""python manage.py bench [--sites 10,1000,10000] [--quick] [--demo-plus 3000] [--stock]
python manage.py bench --national [--national-sites 10,10000,100000] [--build-only] [--rebuild]

The entry point of the benchmark in tools/bench (tools.bench.runner); the only runtime module that imports tools.
"""

import argparse
import json

from django.core.management.base import BaseCommand, CommandError

from tools.bench import national
from tools.bench import runner as bench


class Command(BaseCommand):
    help = "Mengukur biaya halaman, tautan, moderasi dan aktivasi massal pada 10 hingga 10.000 situs KIM."

    def add_arguments(self, parser):
        parser.add_argument("--sites", default="", help="Jumlah situs per basis data, mis. 10,1000,10000.")
        parser.add_argument("--quick", action="store_true", help="Cepat: 10 dan 1.000 situs, lebih sedikit ulangan.")
        parser.add_argument("--demo-plus", type=int, default=0, help="Bandingkan demo saja dengan demo + N KIM impor.")
        parser.add_argument("--stock", action="store_true", help="Ukur juga Wagtail bawaan (indeks situs mati).")
        parser.add_argument("--no-gunicorn", action="store_true", help="Lewati uji throughput dengan gunicorn.")
        parser.add_argument(
            "--national",
            action="store_true",
            help="Skala nasional di PostgreSQL dan Redis (DATABASE_URL, REDIS_URL): 10, 10.000 dan 100.000 situs.",
        )
        parser.add_argument("--national-sites", default="", help="Ukuran skala nasional, mis. 10,10000,100000.")
        parser.add_argument("--posts-per-kim", type=int, default=10, help="Berita per KIM (skala nasional).")
        parser.add_argument("--pending", type=int, default=10_000, help="Butir menunggu moderasi (skala nasional).")
        parser.add_argument("--build-only", action="store_true", help="Skala nasional: bangun basis data saja.")
        parser.add_argument("--rebuild", action="store_true", help="Skala nasional: hapus dan bangun ulang.")
        parser.add_argument("--child", default="", help=argparse_suppress())

    def handle(self, *args, **options):
        if options["child"]:
            spec = json.loads(options["child"])
            result = national.child(spec) if "stage" in spec else bench.child(spec)
            self.stdout.write(json.dumps(result))
            return
        if options["national"]:
            raw = options["national_sites"] or ",".join(str(n) for n in national.SIZES)
            sizes = site_counts("--national-sites", raw, "10,10000")
            if not sizes:
                raise CommandError("Jumlah situs minimal 1.")
            try:
                report = national.run(
                    sizes=sizes,
                    posts=options["posts_per_kim"],
                    pending=options["pending"],
                    rebuild=options["rebuild"],
                    serve=not options["no_gunicorn"],
                    build_only=options["build_only"],
                )
            except RuntimeError as exc:
                raise CommandError(str(exc))
            self.stdout.write(report)
            return
        default = "" if options["demo_plus"] else ("10,1000" if options["quick"] else "10,1000,10000")
        sites = site_counts("--sites", options["sites"] or default, "10,1000")
        if not sites and not options["demo_plus"]:
            raise CommandError("Sebutkan --sites atau --demo-plus.")
        report = bench.run(
            sites=sites,
            quick=options["quick"],
            demo_plus=options["demo_plus"],
            stock=options["stock"],
            gunicorn=not options["no_gunicorn"],
            write=True,
        )
        self.stdout.write(report)


def site_counts(option, raw, example):
    """ "10,1000" -> [10, 1000], or a CommandError in Indonesian."""
    try:
        counts = [int(part) for part in raw.split(",") if part.strip()]
    except ValueError:
        raise CommandError(f"{option} harus berupa daftar angka, mis. {example} (bukan '{raw}').")
    if any(n < 1 for n in counts):
        raise CommandError("Jumlah situs minimal 1.")
    return counts


def argparse_suppress():
    return argparse.SUPPRESS
