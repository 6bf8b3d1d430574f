//! The remote's HTTP side, on hyper (HTTP/1 only) in a one-thread tokio runtime of its own:
//! the page, its state, commands and the two slide pictures, the token on each, bounded
//! everywhere. Nothing here reads a file.

use super::{Shared, parse_command};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{CACHE_CONTROL, CONTENT_LENGTH, CONTENT_TYPE, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::net::IpAddr;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

/// Connections served at once; more are closed at once, so a flood costs nothing to keep.
const MAX_CONNECTIONS: usize = 64;
/// The largest command body (`goto 12 3` is ten bytes).
const MAX_BODY: usize = 256;
/// Request line and headers together (hyper's own floor is 8 KiB).
const MAX_HEAD: usize = 8 * 1024;
/// A connection that has not sent its headers by then is closed.
const HEAD_TIMEOUT: Duration = Duration::from_secs(3);
/// No connection lives longer (one request each: no keep-alive).
const CONNECTION_TIMEOUT: Duration = Duration::from_secs(5);
/// How often the accept loop looks whether the remote was turned off.
const STOP_POLL: Duration = Duration::from_millis(100);

/// The page: HTML, CSS and script in one, in the binary.
const PAGE: &str = include_str!("page.html");

/// Starts the server thread on `listener`.
pub(super) fn spawn(
    listener: std::net::TcpListener,
    shared: Arc<Shared>,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    listener.set_nonblocking(true)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()?;
    std::thread::Builder::new()
        .name("rostra-remote".into())
        .spawn(crate::worker::caught(move || {
            runtime.block_on(serve(listener, shared))
        }))
}

async fn serve(listener: std::net::TcpListener, shared: Arc<Shared>) {
    let listener = match tokio::net::TcpListener::from_std(listener) {
        Ok(l) => l,
        Err(e) => {
            log::warn!("remote: cannot listen: {e}");
            return;
        }
    };
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    while !shared.stop.load(Ordering::Relaxed) {
        let Ok(accepted) = tokio::time::timeout(STOP_POLL, listener.accept()).await else {
            continue;
        };
        let (stream, peer) = match accepted {
            Ok(a) => a,
            Err(e) => {
                // Out of file descriptors under a flood: wait, do not give up serving.
                log::debug!("remote: accept: {e}");
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            drop(stream);
            continue;
        };
        let shared = shared.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(|req| {
                let shared = shared.clone();
                async move { Ok::<_, Infallible>(answer(&shared, peer.ip(), req).await) }
            });
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEAD_TIMEOUT)
                .max_buf_size(MAX_HEAD)
                .keep_alive(false)
                .serve_connection(TokioIo::new(stream), service);
            let _ = tokio::time::timeout(CONNECTION_TIMEOUT, connection).await;
            drop(slot);
        });
    }
}

/// The routes there are; every other path is 404.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Route {
    Page,
    State,
    Command,
    CurrentPicture,
    NextPicture,
}

/// The token a query string carries as `t=`.
fn token_in(query: Option<&str>) -> Option<&str> {
    query?.split('&').find_map(|kv| kv.strip_prefix("t="))
}

async fn answer(shared: &Shared, peer: IpAddr, req: Request<Incoming>) -> Response<Full<Bytes>> {
    // The raw path, compared whole: `..`, `%2e%2e` and friends name no route.
    let route = match req.uri().path() {
        "/" => Route::Page,
        "/api/state" => Route::State,
        "/api/command" => Route::Command,
        "/api/slide/current.png" => Route::CurrentPicture,
        "/api/slide/next.png" => Route::NextPicture,
        _ => return plain(StatusCode::NOT_FOUND, "not found"),
    };
    match token_in(req.uri().query()) {
        None => return plain(StatusCode::UNAUTHORIZED, "the link's token is missing"),
        Some(t) if !shared.token.matches(t) => {
            return plain(StatusCode::FORBIDDEN, "wrong token");
        }
        Some(_) => {}
    }
    shared.seen(peer);
    match (route, req.method()) {
        (Route::Page, &Method::GET) => respond(StatusCode::OK, "text/html; charset=utf-8", PAGE),
        (Route::State, &Method::GET) => {
            let json = shared
                .state
                .lock()
                .map_or_else(|_| String::from("{}"), |s| s.clone());
            respond(StatusCode::OK, "application/json", json)
        }
        (Route::Command, &Method::POST) => command(shared, req).await,
        (Route::CurrentPicture | Route::NextPicture, &Method::GET) => {
            let picture = shared.pictures.lock().ok().and_then(|p| {
                let png = if route == Route::CurrentPicture {
                    p.current.clone()
                } else {
                    p.next.clone()
                };
                png.map(|png| (png, p.at.clone()))
            });
            match picture {
                Some((png, at)) => {
                    let mut r = respond(StatusCode::OK, "image/png", png);
                    if let Ok(v) = HeaderValue::from_str(&at) {
                        r.headers_mut().insert("x-rostra-at", v);
                    }
                    r
                }
                None => plain(StatusCode::NOT_FOUND, "no picture yet"),
            }
        }
        _ => plain(StatusCode::METHOD_NOT_ALLOWED, "method not allowed"),
    }
}

async fn command(shared: &Shared, req: Request<Incoming>) -> Response<Full<Bytes>> {
    let declared = req
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY as u64) {
        return plain(StatusCode::PAYLOAD_TOO_LARGE, "body too large");
    }
    let Ok(body) = Limited::new(req.into_body(), MAX_BODY).collect().await else {
        return plain(StatusCode::PAYLOAD_TOO_LARGE, "body too large");
    };
    let body = body.to_bytes();
    let Some(c) = std::str::from_utf8(&body).ok().and_then(parse_command) else {
        return plain(
            StatusCode::BAD_REQUEST,
            "commands: next prev first last black, goto H V",
        );
    };
    if !shared.allow_command() {
        return plain(StatusCode::TOO_MANY_REQUESTS, "too many commands");
    }
    if shared.commands.try_send(c).is_err() {
        return plain(StatusCode::SERVICE_UNAVAILABLE, "the talk is busy");
    }
    (shared.wake)();
    plain(StatusCode::OK, "ok")
}

fn plain(status: StatusCode, text: &'static str) -> Response<Full<Bytes>> {
    respond(status, "text/plain; charset=utf-8", text)
}

fn respond(
    status: StatusCode,
    content_type: &'static str,
    body: impl Into<Bytes>,
) -> Response<Full<Bytes>> {
    let mut r = Response::new(Full::new(body.into()));
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // The token is in the page's own link: it must not travel on in a Referer.
    h.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        "content-security-policy",
        HeaderValue::from_static(
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; \
             connect-src 'self'; img-src 'self' blob:",
        ),
    );
    r
}

#[cfg(test)]
mod tests {
    use super::token_in;

    #[test]
    fn the_token_is_read_from_its_own_parameter_only() {
        assert_eq!(token_in(Some("t=abc")), Some("abc"));
        assert_eq!(token_in(Some("x=1&t=abc")), Some("abc"));
        assert_eq!(token_in(Some("xt=abc")), None);
        assert_eq!(token_in(None), None);
    }
}
