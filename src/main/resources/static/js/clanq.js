// Clanq's page script. No inline scripts anywhere: the Content-Security-Policy forbids them.
(function () {
    "use strict";

    // Every htmx request carries the CSRF token from the page's <meta> tags.
    document.addEventListener("htmx:configRequest", function (event) {
        var header = document.querySelector('meta[name="csrf-header"]');
        var token = document.querySelector('meta[name="csrf-token"]');
        if (header && token && token.content) {
            event.detail.headers[header.content] = token.content;
        }
    });
})();

// Forms that do something hard to undo ask first: <form class="confirm-submit" data-confirm="…">.
document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.classList && form.classList.contains("confirm-submit") && !window.confirm(form.dataset.confirm)) {
        event.preventDefault();
    }
});
