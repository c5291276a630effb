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

// S5: a minute before the session would end for inactivity, offer to stay signed in.
(function () {
    "use strict";
    var seconds = parseInt(document.body.dataset.idleSeconds || "0", 10);
    if (!seconds) {
        return;
    }
    var warnTimer, endTimer;
    function csrf() {
        var header = document.querySelector('meta[name="csrf-header"]');
        var token = document.querySelector('meta[name="csrf-token"]');
        var headers = {};
        if (header && token) {
            headers[header.content] = token.content;
        }
        return headers;
    }
    function dialog() {
        var element = document.getElementById("idle-dialog");
        return element && window.bootstrap ? window.bootstrap.Modal.getOrCreateInstance(element) : null;
    }
    function schedule() {
        clearTimeout(warnTimer);
        clearTimeout(endTimer);
        warnTimer = setTimeout(function () {
            var d = dialog();
            if (d) {
                d.show();
                document.getElementById("idle-stay").focus();
            }
        }, Math.max(seconds - 60, 1) * 1000);
        endTimer = setTimeout(function () {
            // Sign out for real: open pages poll in the background, so the server alone would not notice.
            var logout = document.getElementById("idle-logout");
            if (logout) {
                logout.submit();
            } else {
                window.location.assign("/login?ended");
            }
        }, seconds * 1000);
    }
    document.addEventListener("DOMContentLoaded", function () {
        var stay = document.getElementById("idle-stay");
        if (stay) {
            stay.addEventListener("click", function () {
                fetch("/account/keep-alive", { method: "POST", headers: csrf(), credentials: "same-origin" })
                    .then(function (response) {
                        if (response.ok) {
                            var d = dialog();
                            if (d) {
                                d.hide();
                            }
                            schedule();
                        } else {
                            window.location.assign("/login?ended");
                        }
                    });
            });
        }
        schedule();
    });
    // Background polling is not activity; what the person does is.
    document.addEventListener("htmx:afterRequest", function (event) {
        var elt = event.detail && event.detail.elt;
        if (!elt || !elt.closest || !elt.closest("[data-poll]")) {
            schedule();
        }
    });
})();

// Quoting part of a post: with text selected inside the post, "Citeren" quotes just that selection
// into the reply box; without a selection the link asks the server for a quote of the whole post.
document.addEventListener("click", function (event) {
    "use strict";
    var link = event.target.closest ? event.target.closest("a.quote-link") : null;
    var reply = document.getElementById("f-body");
    if (!link || !reply) {
        return;
    }
    var selection = window.getSelection();
    var post = document.getElementById(link.dataset.post);
    var text = selection ? selection.toString().trim() : "";
    if (!text || !post || !post.contains(selection.anchorNode)) {
        return;
    }
    event.preventDefault();
    var quoted = text.split(/\r?\n/).map(function (line) { return line ? "> " + line : ">"; }).join("\n");
    var before = reply.value && !/\n\n$/.test(reply.value) ? reply.value + "\n\n" : reply.value;
    reply.value = before + link.dataset.attribution + "\n" + quoted + "\n\n";
    reply.focus();
    reply.setSelectionRange(reply.value.length, reply.value.length);
    reply.dispatchEvent(new Event("input", { bubbles: true }));
});

// Live conversations: ask only for messages newer than the last one shown.
document.addEventListener("htmx:configRequest", function (event) {
    "use strict";
    var elt = event.detail.elt;
    if (elt && elt.id === "messages") {
        var shown = elt.querySelectorAll("[data-message-id]");
        event.detail.parameters.after = shown.length ? shown[shown.length - 1].dataset.messageId : 0;
    }
});

// Live updates (C9): one server-sent event stream per page; a new message makes the badge and an
// open conversation fetch what changed. Without it, they poll every 30 seconds.
document.addEventListener("DOMContentLoaded", function () {
    "use strict";
    if (!document.querySelector("[data-live]") || !window.EventSource || !window.htmx) {
        return;
    }
    var stream = new EventSource("/messages/stream");
    stream.addEventListener("message", function () {
        var badge = document.getElementById("unread-badge-slot");
        if (badge) {
            window.htmx.trigger(badge, "refresh");
        }
        var messages = document.getElementById("messages");
        if (messages) {
            window.htmx.trigger(messages, "refresh");
        }
    });
    stream.addEventListener("notice", function () {
        var bell = document.getElementById("notice-badge-slot");
        if (bell) {
            window.htmx.trigger(bell, "refresh");
        }
    });
    window.addEventListener("pagehide", function () {
        stream.close();
    });
});

// @mentions (C8): typing "@" and a few letters in an editor that knows its forum lists members
// who can read that forum; arrow keys move, Enter or a click inserts "@first.last".
document.addEventListener("DOMContentLoaded", function () {
    "use strict";
    document.querySelectorAll("textarea[data-mention-forum]").forEach(function (area) {
        var list = document.getElementById("mention-list");
        if (!list) {
            return;
        }
        var items = [];
        var active = -1;
        var timer = null;

        function close() {
            list.hidden = true;
            list.innerHTML = "";
            items = [];
            active = -1;
            area.removeAttribute("aria-activedescendant");
        }

        function typed() {
            var before = area.value.slice(0, area.selectionStart);
            var match = /(^|[\s(])@([A-Za-z0-9.]{1,40})$/.exec(before);
            return match ? match[2] : null;
        }

        function choose(index) {
            var handle = items[index].handle;
            var caret = area.selectionStart;
            var before = area.value.slice(0, caret).replace(/@[A-Za-z0-9.]*$/, "@" + handle + " ");
            area.value = before + area.value.slice(caret);
            area.selectionStart = area.selectionEnd = before.length;
            close();
            area.focus();
        }

        function highlight(index) {
            active = index;
            Array.prototype.forEach.call(list.children, function (li, i) {
                li.classList.toggle("active", i === index);
                li.setAttribute("aria-selected", i === index ? "true" : "false");
            });
            if (index >= 0) {
                area.setAttribute("aria-activedescendant", "mention-" + index);
            }
        }

        function show(suggestions) {
            list.innerHTML = "";
            items = suggestions;
            if (!suggestions.length) {
                close();
                return;
            }
            suggestions.forEach(function (s, i) {
                var li = document.createElement("li");
                li.id = "mention-" + i;
                li.className = "list-group-item list-group-item-action";
                li.setAttribute("role", "option");
                li.textContent = s.name + (s.organisation ? " · " + s.organisation : "") + "  @" + s.handle;
                li.addEventListener("mousedown", function (event) {
                    event.preventDefault();
                    choose(i);
                });
                list.appendChild(li);
            });
            list.hidden = false;
            highlight(0);
        }

        area.addEventListener("input", function () {
            var q = typed();
            clearTimeout(timer);
            if (!q) {
                close();
                return;
            }
            timer = setTimeout(function () {
                fetch("/mentions?forum=" + encodeURIComponent(area.dataset.mentionForum) + "&q=" + encodeURIComponent(q),
                    { credentials: "same-origin", headers: { "Accept": "application/json" } })
                    .then(function (r) { return r.ok ? r.json() : []; })
                    .then(show)
                    .catch(close);
            }, 200);
        });
        area.addEventListener("keydown", function (event) {
            if (list.hidden || !items.length) {
                return;
            }
            if (event.key === "ArrowDown") {
                event.preventDefault();
                highlight((active + 1) % items.length);
            } else if (event.key === "ArrowUp") {
                event.preventDefault();
                highlight((active - 1 + items.length) % items.length);
            } else if (event.key === "Enter" || event.key === "Tab") {
                event.preventDefault();
                choose(Math.max(active, 0));
            } else if (event.key === "Escape") {
                close();
            }
        });
        area.addEventListener("blur", function () {
            setTimeout(close, 150);
        });
    });
});
