"""The members' map, drawn on the server as SVG from geographic data shipped with the project.

The country outlines are Natural Earth's 1:110m countries (public domain) as TopoJSON, from the
npm package `world-atlas` (ISC licence), copied into `static/vendor/world-atlas/` by
`scripts/copy_assets.py`. No tile service, nothing fetched: the map works offline and without
JavaScript. Countries are keyed by their ISO 3166-1 numeric code, which django-countries gives
for our ISO alpha-2 codes.

Projection: equirectangular (longitude and latitude as x and y), cropped to 58°S-84°N so that
Antarctica does not take a third of the picture. Plain, but honest for counting members per
country.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from django.conf import settings
from django_countries import countries

WIDTH = 960
NORTH, SOUTH = 84.0, -58.0
HEIGHT = round(WIDTH * (NORTH - SOUTH) / 360)
TOPOJSON = Path(settings.BASE_DIR) / "static" / "vendor" / "world-atlas" / "countries-110m.json"


@dataclass(frozen=True)
class CountryShape:
    numeric: str
    name: str
    path: str  # SVG path data
    centre: tuple[float, float]  # of its largest polygon, for the bubble


@dataclass(frozen=True)
class MapCountry:
    shape: CountryShape
    label: str  # the country's name in the active language
    members: int
    radius: float = 0  # of its bubble: area proportional to the number of members


@dataclass(frozen=True)
class MemberMap:
    width: int
    height: int
    shapes: tuple[CountryShape, ...]  # every country, drawn grey
    countries: tuple[MapCountry, ...]  # countries with members, drawn in colour with a bubble
    max_members: int


def _project(lon: float, lat: float) -> tuple[float, float]:
    x = (lon + 180.0) / 360.0 * WIDTH
    y = (NORTH - max(min(lat, NORTH), SOUTH)) / (NORTH - SOUTH) * HEIGHT
    return x, y


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The topology's arcs as lists of projected points (TopoJSON's delta-encoded, quantized
    positions, RFC-less but specified at github.com/topojson/topojson-specification)."""
    scale_x, scale_y = topology["transform"]["scale"]
    move_x, move_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append(_project(x * scale_x + move_x, y * scale_y + move_y))
        arcs.append(points)
    return arcs


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        # Consecutive arcs share their joining point.
        points.extend(arc[1:] if points else arc)
    return points


def _area(ring: list[tuple[float, float]]) -> float:
    return abs(
        sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True))
        / 2
    )


def _path(rings: list[list[tuple[float, float]]]) -> str:
    parts = []
    for ring in rings:
        if len(ring) < 3:
            continue
        # Rings crossing the antimeridian (Russia, Fiji) are split into arcs by world-atlas
        # already; drop the few edges that still jump across the whole map.
        segments = [f"M{ring[0][0]:.1f},{ring[0][1]:.1f}"]
        for (x0, _y0), (x, y) in pairwise(ring):
            command = "M" if abs(x - x0) > WIDTH / 2 else "L"
            segments.append(f"{command}{x:.1f},{y:.1f}")
        parts.append("".join(segments) + "Z")
    return "".join(parts)


@lru_cache(maxsize=1)
def world_shapes() -> tuple[CountryShape, ...]:
    """Every country's outline, projected once per process."""
    topology = json.loads(TOPOJSON.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    shapes = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("type") == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry.get("type") == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings = [_ring(arcs, ring) for polygon in polygons for ring in polygon]
        outer = [_ring(arcs, polygon[0]) for polygon in polygons]
        largest = max(outer, key=_area)
        xs = [x for x, _ in largest]
        ys = [y for _, y in largest]
        centre = (round((min(xs) + max(xs)) / 2, 1), round((min(ys) + max(ys)) / 2, 1))
        shapes.append(
            CountryShape(
                numeric=str(geometry.get("id", "")),
                name=geometry.get("properties", {}).get("name", ""),
                path=_path(rings),
                centre=centre,
            )
        )
    return tuple(shapes)


def member_map(members_by_country: dict[str, int], labels: dict[str, str]) -> MemberMap:
    """The map of `members_by_country` (ISO alpha-2 code → number of members); `labels` gives each
    code's name in the active language. Countries the map data does not hold (test codes, or a
    territory too small for 1:110m) are left off the map but stay in the table beside it."""
    shapes = world_shapes()
    by_numeric = {shape.numeric: shape for shape in shapes if shape.numeric}
    drawn = []
    for code, count in sorted(members_by_country.items()):
        numeric = countries.numeric(code, padded=True) if code in countries else None
        shape = by_numeric.get(numeric or "")
        if shape is not None and count:
            drawn.append(MapCountry(shape=shape, label=labels.get(code, code), members=count))
    most = max((country.members for country in drawn), default=0)
    sized = tuple(
        MapCountry(
            shape=country.shape,
            label=country.label,
            members=country.members,
            radius=round(max(4.0, 16.0 * (country.members / most) ** 0.5), 1),
        )
        for country in drawn
    )
    return MemberMap(width=WIDTH, height=HEIGHT, shapes=shapes, countries=sized, max_members=most)
