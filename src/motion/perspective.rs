//! reveal.js's 3D transitions (`convex`, `concave`) as geometry: a slide turned about its
//! centre (`translate3d … rotateY … translate3d …`) and seen through the stage's CSS
//! `perspective`. A slide is drawn flat, tessellated, and its mesh warped here: long triangles
//! are split first so a texture stays true under the projection, and what passes the viewer
//! is cut off. Pure: points in, points out.

use eframe::egui::{Pos2, Vec2, pos2};
use eframe::epaint::{Color32, Mesh, Vertex};

/// How a flat slide is turned in space and seen, in screen points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Turn {
    /// The point the slide turns about (its centre: CSS `transform-origin: 50% 50%`).
    pub origin: Pos2,
    /// The move before the turn (the inner `translate3d`).
    pub pre: Vec2,
    /// The move after the turn (the outer `translate3d`).
    pub post: Vec2,
    /// Degrees about the x axis (`rotateX`, for moves within a stack).
    pub about_x: f32,
    /// Degrees about the y axis (`rotateY`, for moves between stacks).
    pub about_y: f32,
    /// Where the viewer looks from on the screen (CSS `perspective-origin`).
    pub eye: Pos2,
    /// The viewer's distance from the screen (CSS `perspective`), in points.
    pub distance: f32,
}

/// A point in space: x right, y down (as the screen), z towards the viewer.
type P3 = [f32; 3];

impl Turn {
    /// Where the flat point `p` is once turned, in space.
    pub fn place(&self, p: Pos2) -> [f32; 3] {
        let (x, y) = (
            p.x - self.origin.x + self.pre.x,
            p.y - self.origin.y + self.pre.y,
        );
        let z = 0.0;
        // CSS `rotateY(a)`: x' = x cos a + z sin a, z' = -x sin a + z cos a.
        let (sy, cy) = self.about_y.to_radians().sin_cos();
        let (x, z) = (x * cy + z * sy, -x * sy + z * cy);
        // CSS `rotateX(a)`: y' = y cos a - z sin a, z' = y sin a + z cos a.
        let (sx, cx) = self.about_x.to_radians().sin_cos();
        let (y, z) = (y * cx - z * sx, y * sx + z * cx);
        [
            x + self.post.x + self.origin.x,
            y + self.post.y + self.origin.y,
            z,
        ]
    }

    /// The screen point a point in space is seen at; `None` at or behind the viewer.
    pub fn project(&self, q: [f32; 3]) -> Option<Pos2> {
        let w = self.distance - q[2];
        // NaN fails the test too: a point nowhere is not drawn.
        if w.is_nan() || w <= self.near() {
            return None;
        }
        let k = self.distance / w;
        Some(pos2(
            self.eye.x + (q[0] - self.eye.x) * k,
            self.eye.y + (q[1] - self.eye.y) * k,
        ))
    }

    /// Where the flat point `p` is seen once turned.
    pub fn apply(&self, p: Pos2) -> Option<Pos2> {
        self.project(self.place(p))
    }

    /// How close to the viewer a point may come before it is cut off.
    fn near(&self) -> f32 {
        (self.distance * 0.02).max(1e-3)
    }

    /// `mesh` turned and projected. Triangles longer than `max_edge` (flat points) are split
    /// (at most 6 times over) so textures and gradients keep their perspective; parts that
    /// pass the viewer are cut away.
    pub fn warp(&self, mesh: &Mesh, max_edge: f32) -> Mesh {
        let mut out = Mesh::with_texture(mesh.texture_id);
        if !(self.distance.is_finite() && self.distance > 0.0) {
            return out;
        }
        let max_edge = if max_edge.is_finite() && max_edge > 1.0 {
            max_edge
        } else {
            f32::INFINITY
        };
        for tri in mesh.indices.chunks_exact(3) {
            let get = |i: u32| mesh.vertices.get(i as usize).copied();
            if let (Some(a), Some(b), Some(c)) = (get(tri[0]), get(tri[1]), get(tri[2])) {
                self.split(&mut out, [a, b, c], max_edge, 6);
            }
        }
        out
    }

    fn split(&self, out: &mut Mesh, t: [Vertex; 3], max_edge: f32, depth: u32) {
        let long = |a: &Vertex, b: &Vertex| a.pos.distance_sq(b.pos) > max_edge * max_edge;
        if depth > 0 && (long(&t[0], &t[1]) || long(&t[1], &t[2]) || long(&t[2], &t[0])) {
            let [a, b, c] = t;
            let (ab, bc, ca) = (mid(&a, &b), mid(&b, &c), mid(&c, &a));
            for s in [[a, ab, ca], [ab, b, bc], [ca, bc, c], [ab, bc, ca]] {
                self.split(out, s, max_edge, depth - 1);
            }
            return;
        }
        self.clip_and_add(out, t);
    }

    /// Cuts the triangle at the near plane and adds what is left, projected.
    fn clip_and_add(&self, out: &mut Mesh, t: [Vertex; 3]) {
        let limit = self.distance - self.near() * 1.5;
        let lifted: [(P3, Vertex); 3] = t.map(|v| (self.place(v.pos), v));
        let mut poly: Vec<(P3, Vertex)> = Vec::with_capacity(4);
        for i in 0..3 {
            let (p, v) = lifted[i];
            let (q, w) = lifted[(i + 1) % 3];
            let (p_in, q_in) = (p[2] <= limit, q[2] <= limit);
            if p_in {
                poly.push((p, v));
            }
            if p_in != q_in {
                let k = (limit - p[2]) / (q[2] - p[2]);
                let at = [p[0] + (q[0] - p[0]) * k, p[1] + (q[1] - p[1]) * k, limit];
                poly.push((at, lerp_vertex(&v, &w, k)));
            }
        }
        if poly.len() < 3 {
            return;
        }
        let base = out.vertices.len() as u32;
        for (q, v) in &poly {
            let Some(pos) = self.project(*q) else {
                // Cannot happen after the cut; drop what was added rather than draw it wrong.
                out.vertices.truncate(base as usize);
                return;
            };
            out.vertices.push(Vertex { pos, ..*v });
        }
        for i in 1..poly.len() as u32 - 1 {
            out.indices
                .extend_from_slice(&[base, base + i, base + i + 1]);
        }
    }
}

fn mid(a: &Vertex, b: &Vertex) -> Vertex {
    lerp_vertex(a, b, 0.5)
}

fn lerp_vertex(a: &Vertex, b: &Vertex, k: f32) -> Vertex {
    Vertex {
        pos: a.pos + (b.pos - a.pos) * k,
        uv: a.uv + (b.uv - a.uv) * k,
        color: lerp_color(a.color, b.color, k),
    }
}

fn lerp_color(a: Color32, b: Color32, k: f32) -> Color32 {
    if a == b { a } else { a.lerp_to_gamma(b, k) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use eframe::egui::{Rect, vec2};

    /// A 960x700 slide centred at (480, 350), seen from 600 away at (480, 280).
    fn turn(about_y: f32, shift: f32) -> Turn {
        Turn {
            origin: pos2(480.0, 350.0),
            pre: vec2(shift, 0.0),
            post: vec2(shift, 0.0),
            about_x: 0.0,
            about_y,
            eye: pos2(480.0, 280.0),
            distance: 600.0,
        }
    }

    fn edge_height(t: &Turn, x: f32) -> f32 {
        match (t.apply(pos2(x, 0.0)), t.apply(pos2(x, 700.0))) {
            (Some(a), Some(b)) => b.y - a.y,
            _ => f32::INFINITY,
        }
    }

    #[test]
    fn halfway_the_convex_slide_keeps_its_inner_edge_in_the_screen() {
        let t = turn(-45.0, -480.0);
        assert!((edge_height(&t, 960.0) - 700.0).abs() < 1.0);
        assert!(edge_height(&t, 0.0) < 700.0 * 0.5);
    }

    #[test]
    fn at_rest_nothing_moves() {
        let t = turn(0.0, 0.0);
        let p = pos2(123.0, 456.0);
        let q = t.apply(p).unwrap_or(Pos2::ZERO);
        assert!((q - p).length() < 1e-3, "{q:?}");
    }

    #[test]
    fn convex_leaving_turns_its_far_edge_away_and_concave_towards_the_viewer() {
        // A quarter of the way out to the left: convex turns -22.5 degrees, concave +22.5,
        // each with two quarter-width moves.
        let convex = turn(-22.5, -240.0);
        let left = edge_height(&convex, 0.0);
        let right = edge_height(&convex, 960.0);
        assert!(
            right > left,
            "convex: the edge by the centre is nearer, so taller ({right} vs {left})"
        );
        let concave = turn(22.5, -240.0);
        let left = edge_height(&concave, 0.0);
        let right = edge_height(&concave, 960.0);
        assert!(left.is_finite(), "still in front of the viewer");
        assert!(
            left > right,
            "concave: the far edge swings towards the viewer ({left} vs {right})"
        );
    }

    #[test]
    fn a_turned_rectangle_is_a_trapezoid_with_straight_edges() {
        let t = turn(30.0, 0.0);
        let mut mesh = Mesh::default();
        mesh.add_colored_rect(
            Rect::from_min_size(Pos2::ZERO, vec2(960.0, 700.0)),
            Color32::WHITE,
        );
        let warped = t.warp(&mesh, 60.0);
        assert!(
            warped.indices.len() / 3 > 100,
            "split: {}",
            warped.indices.len()
        );
        // Every vertex on the top edge lies on the projected top edge's straight line.
        let (a, b) = (t.apply(pos2(0.0, 0.0)), t.apply(pos2(960.0, 0.0)));
        let (Some(a), Some(b)) = (a, b) else {
            panic!("corners in view");
        };
        for v in &warped.vertices {
            let d = b - a;
            let along = ((v.pos - a).x * d.x + (v.pos - a).y * d.y) / d.length_sq();
            let on_line = a + d * along;
            if (v.pos - on_line).length() < 0.5 {
                assert!((-0.001..=1.001).contains(&along));
            }
        }
        // The texture corner stays with its corner.
        let corner = warped
            .vertices
            .iter()
            .find(|v| v.uv == mesh.vertices[0].uv && (v.pos - a).length() < 0.5);
        assert!(
            corner.is_some(),
            "the top-left corner keeps its texture coordinate"
        );
    }

    #[test]
    fn what_passes_the_viewer_is_cut_away() {
        // Concave at 80 degrees: the left part of the slide comes past the viewer.
        let t = turn(80.0, -480.0);
        let mut mesh = Mesh::default();
        mesh.add_colored_rect(
            Rect::from_min_size(Pos2::ZERO, vec2(960.0, 700.0)),
            Color32::WHITE,
        );
        let warped = t.warp(&mesh, 100.0);
        assert!(!warped.vertices.is_empty());
        assert!(
            warped
                .vertices
                .iter()
                .all(|v| v.pos.x.is_finite() && v.pos.y.is_finite()),
            "no vertex at infinity"
        );
        assert!(
            t.apply(pos2(0.0, 350.0)).is_none(),
            "the left edge is behind the viewer"
        );
    }
}
