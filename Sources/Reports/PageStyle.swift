import Crypto
import Foundation

/// The CSS and script every page inlines, and the Content-Security-Policy that lets the page
/// load nothing from anywhere: no network request is possible even if a report were opened
/// from a web server, and only this exact script (by hash) may run.
enum PageStyle {
    static let css = """
        :root{--ink:#1d2433;--muted:#5b6475;--line:#d5d9e0;--bad:#a3161b;--warn:#8a5a00;--ok:#1c6b35;--ref:#4a4f5a;--cur:#2f62b0}
        *{box-sizing:border-box}
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);margin:0 auto;max-width:1180px;padding:16px 20px 40px}
        h1{font-size:22px;margin:4px 0 12px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
        code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.95em;overflow-wrap:break-word}
        a{color:var(--cur)}
        .crumbs{margin:0;font-size:13px}
        .summary{display:flex;flex-wrap:wrap;gap:12px 32px;align-items:flex-start}
        .headline{border:2px solid var(--line);border-radius:8px;padding:10px 16px;min-width:300px}
        .headline.bad{border-color:var(--bad)}.headline.ok{border-color:var(--ok)}.headline.warn{border-color:var(--warn)}
        .big{font-size:44px;font-weight:700;line-height:1.1}
        .verdict{font-size:18px;font-weight:600;margin:4px 0 0}
        .bad{color:var(--bad)}.warn{color:var(--warn)}.ok{color:var(--ok)}.muted{color:var(--muted)}
        dl.facts{display:grid;grid-template-columns:max-content auto;justify-content:start;gap:2px 14px;margin:0}
        dl.facts dt{color:var(--muted)}dl.facts dd{margin:0;font-variant-numeric:tabular-nums}
        table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
        .scroll{overflow-x:auto}#metrics{width:auto;min-width:40%}#features{font-size:13px}
        th,td{border-bottom:1px solid var(--line);padding:4px 5px;text-align:left;vertical-align:top}
        th{font-size:12px;color:var(--muted);font-weight:600;white-space:nowrap}
        td.num,th.num{text-align:right}
        table.sortable th{cursor:pointer}
        th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
        tr.drifted td:first-child{border-left:4px solid var(--bad)}td.drifted{color:var(--bad);font-weight:600}
        td.nowrap{white-space:nowrap}td.name{min-width:8em;max-width:14em}
        ul.examples{margin:2px 0 0;padding-left:16px;font-size:12px}
        .legend{font-size:12px;color:var(--muted)}
        svg text{font-size:10px;fill:var(--muted)}
        svg .r{fill:none;stroke:var(--ref);stroke-width:1}svg .c{fill:var(--cur)}
        svg .base{stroke:var(--muted)}svg .grid{stroke:#e6e9ee}svg path.rejected{stroke:var(--bad);stroke-width:2;fill:none}svg .threshold{stroke:var(--bad);stroke-dasharray:5 4}
        svg .trend{fill:none;stroke:var(--cur);stroke-width:2}svg.trend-chart text{font-size:12px}code[title]{cursor:help}
        svg .above{fill:var(--bad)}svg .below{fill:var(--cur)}svg path.estimated{fill:#fff;stroke-width:2}svg path.above.estimated{stroke:var(--bad)}svg path.below.estimated{stroke:var(--cur)}svg .trend.estimated{stroke-dasharray:6 4}svg .threshold-label{fill:var(--bad)}
        ol.timeline{list-style:none;padding:0;margin:0;border-left:3px solid var(--line)}
        ol.timeline li{padding:4px 0 8px 14px}
        .notice{border-left:4px solid var(--warn);padding:6px 12px;background:#fdf6e7}
        """

    /// Sorts any `table.sortable` by the clicked header (numbers by `data-v`), then marks the
    /// page ready; an exception anywhere leaves the mark unset, which the browser test checks.
    static let script = """
        (function(){
        function key(c){var v=c.getAttribute('data-v');return v===null?c.textContent.trim().toLowerCase():parseFloat(v);}
        document.querySelectorAll('table.sortable').forEach(function(t){
        var hs=t.tHead.rows[0].cells,body=t.tBodies[0];
        Array.prototype.forEach.call(hs,function(h,i){
        if(h.hasAttribute('data-nosort'))return;
        h.tabIndex=0;h.title='Sort by this column';
        function sort(){var asc=h.getAttribute('aria-sort')!=='ascending';
        Array.prototype.forEach.call(hs,function(o){o.removeAttribute('aria-sort');});
        h.setAttribute('aria-sort',asc?'ascending':'descending');
        Array.prototype.slice.call(body.rows).sort(function(a,b){var x=key(a.cells[i]),y=key(b.cells[i]);return (x<y?-1:x>y?1:0)*(asc?1:-1);}).forEach(function(r){body.appendChild(r);});}
        h.addEventListener('click',sort);
        h.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){e.preventDefault();sort();}});
        });});
        document.body.setAttribute('data-ready','1');
        })();
        """

    static let contentSecurityPolicy: String = {
        let digest = SHA256.hash(data: Data(script.utf8))
        let hash = Data(digest).base64EncodedString()
        return "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-\(hash)'; img-src 'none'; base-uri 'none'; form-action 'none'"
    }()
}
