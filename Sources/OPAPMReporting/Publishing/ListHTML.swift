import Foundation
import OPAPMCore

/// One self-contained page: the list grouped by payer type, sortable by any column, filterable by text,
/// readable on a phone. `#sort=COLUMN&dir=asc|desc` in the address sorts on load.
enum ListHTML {
    static func render(_ list: PublishedList) -> [UInt8] {
        let columns = ListColumns.of(list).dropFirst()
        // The same for every row: written once.
        let cellStarts = columns.map { "<td data-key=\"\($0.key)\" data-label=\"\(HTMLText.escape($0.title))\">" }
        let title = "Other Payer Advanced APMs, performance year \(list.performanceYear)"
        // One buffer, written in place from start to end: a list of ten thousand rows is some
        // megabytes, and assembling it from parts copied it twice more.
        var page = ReportText(capacity: list.arrangements.count * 800 + 8192)
        page.append(HTMLPage.opening(title: title, style: style))
        page.append("""
            <header><h1>\(title)</h1>
            <p><span id="count">\(list.arrangements.count)</span> approved arrangement(s)
            """)
        if let asOf = list.asOf { page.append(" · as of \(HTMLText.escape(asOf))") }
        page.append("""
            </p>
            <label>Filter <input id="filter" type="search" placeholder="payer, arrangement, state…" autocomplete="off"></label>
            </header>
            <main>

            """)
        for group in PayerGroup.allCases {
            let rows = list.positions(in: group)
            page.append("<section class=\"group\" data-group=\"\(group.rawValue)\">\n<h2>\(HTMLText.escape(group.title)) <small>(\(rows.count))</small></h2>\n")
            page.append("<table><thead><tr>")
            for column in columns {
                page.append("<th scope=\"col\"><button type=\"button\" data-sort=\"\(column.key)\">\(HTMLText.escape(column.title))</button></th>")
            }
            page.append("</tr></thead><tbody>\n")
            for index in rows {
                let row = list.arrangements[index]
                page.append("<tr class=\"row\" data-id=\"")
                page.append(row.arrangementId, replacing: HTMLText.replacement)
                page.append("\">")
                for (column, cellStart) in zip(columns, cellStarts) {
                    page.append(cellStart)
                    page.append(column.label(row), replacing: HTMLText.replacement)
                    page.append("</td>")
                }
                page.append("</tr>\n")
            }
            page.append("</tbody></table>\n</section>\n")
        }
        // The files left out, named as the other formats name them.
        if !list.skipped.isEmpty {
            page.append("<section class=\"skipped\"><h2>Files not listed</h2>\n<ul>\n")
            for skipped in list.skipped {
                page.append("<li><code>")
                page.append(skipped.file, replacing: HTMLText.replacement)
                page.append("</code>: ")
                page.append(skipped.reason, replacing: HTMLText.replacement)
                page.append("</li>\n")
            }
            page.append("</ul>\n</section>\n")
        }
        page.append("</main>\n")
        page.append(HTMLPage.closing(script: script))
        return page.bytes
    }

    static let style = """
        body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#111;background:#fafafa}
        header{background:#1e3a8a;color:#fff;padding:1rem}header h1{margin:0 0 .3rem;font-size:1.25rem}
        header input{font-size:1rem;padding:.3rem;margin-left:.4rem;max-width:60vw}
        main{padding:0 1rem}table{border-collapse:collapse;width:100%;background:#fff;font-size:.9rem}
        th,td{border:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
        th button{font:inherit;font-weight:700;background:none;border:0;cursor:pointer;padding:0}
        th button[aria-sort=ascending]::after{content:" ▲"}th button[aria-sort=descending]::after{content:" ▼"}
        tr.hidden{display:none}
        @media (max-width:700px){thead{display:none}table,tbody,tr,td{display:block;width:100%}
        tr{margin-bottom:.75rem;border:1px solid #ccc}td{border:0;border-bottom:1px solid #eee}
        td::before{content:attr(data-label) ": ";font-weight:700}}
        """

    static let script = """
        (function(){
          function sortBy(key, dir){
            document.querySelectorAll('section.group tbody').forEach(function(body){
              var rows=Array.prototype.slice.call(body.querySelectorAll('tr.row'));
              rows.sort(function(a,b){
                var x=a.querySelector('[data-key="'+key+'"]').textContent,y=b.querySelector('[data-key="'+key+'"]').textContent;
                var c=x.localeCompare(y,undefined,{numeric:true});return dir==='desc'?-c:c;});
              rows.forEach(function(r){body.appendChild(r);});
            });
            document.querySelectorAll('th button').forEach(function(b){
              if(b.dataset.sort===key){b.setAttribute('aria-sort',dir==='desc'?'descending':'ascending');}
              else{b.removeAttribute('aria-sort');}
            });
          }
          function filter(text){
            var needle=text.toLowerCase(),shown=0;
            document.querySelectorAll('tr.row').forEach(function(r){
              var hit=r.textContent.toLowerCase().indexOf(needle)>=0;r.classList.toggle('hidden',!hit);if(hit){shown++;}
            });
            document.getElementById('count').textContent=shown;
          }
          document.querySelectorAll('th button').forEach(function(b){
            b.addEventListener('click',function(){
              sortBy(b.dataset.sort,b.getAttribute('aria-sort')==='ascending'?'desc':'asc');
            });
          });
          document.getElementById('filter').addEventListener('input',function(e){filter(e.target.value);});
          var hash=new URLSearchParams(location.hash.slice(1));
          if(hash.get('sort')){sortBy(hash.get('sort'),hash.get('dir')||'asc');}
          if(hash.get('filter')){document.getElementById('filter').value=hash.get('filter');filter(hash.get('filter'));}
        })();
        """
}
