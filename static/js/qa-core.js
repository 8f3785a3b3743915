/*
 * Salon — what the live Q&A pages share (global `SalonQA`): the talk's page and speaker view
 * (static/js/talk.js) and the CFA rooms' page and console (static/js/questions.js). Plain ES2017, no build
 * step, loaded with `defer` after salon-dom.js and before the page's script.
 *
 *   SalonQA.randomId()                   a fresh client_id
 *   SalonQA.caller(getSocket)            → call(event, payload, done): emit with an 8 s ack timeout, tried
 *                                          again with the same payload (client ids make it safe) up to 5 times
 *   SalonQA.compareKeys(a, b)            compares two sort keys (arrays) element by element
 *   SalonQA.sync(list, items, shown, draw, signature)
 *                                        puts the <li> of each question of `shown` (in order) in `list`,
 *                                        drawing again only those whose signature changed (the list is a live
 *                                        region), removing the others; `items` maps ids to their <li>
 *   SalonQA.raiseVotes(questions, data)  applies a coalesced `question:votes` (counts only grow)
 */
(function () {
  "use strict";

  function randomId() {
    if (window.crypto && window.crypto.randomUUID) {
      return window.crypto.randomUUID();
    }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return (b < 16 ? "0" : "") + b.toString(16);
    }).join("");
  }

  function caller(getSocket) {
    return function call(event, payload, done, attempt) {
      attempt = attempt || 1;
      getSocket().timeout(8000).emit(event, payload, function (err, ack) {
        if (err && attempt < 5) {
          setTimeout(function () {
            call(event, payload, done, attempt + 1);
          }, 2000);
          return;
        }
        done(err ? null : ack);
      });
    };
  }

  function compareKeys(ka, kb) {
    for (var i = 0; i < ka.length; i++) {
      if (ka[i] < kb[i]) {
        return -1;
      }
      if (ka[i] > kb[i]) {
        return 1;
      }
    }
    return 0;
  }

  function sync(list, items, shown, draw, signature) {
    var keep = Object.create(null);
    shown.forEach(function (q, index) {
      var li = items[q.id];
      if (!li) {
        li = document.createElement("li");
        items[q.id] = li;
      }
      var sig = signature(q);
      if (sig !== null && li.getAttribute("data-signature") !== sig) {
        draw(li, q);
        li.setAttribute("data-signature", sig);
      }
      keep[q.id] = true;
      if (list.children[index] !== li) {
        list.insertBefore(li, list.children[index] || null);
      }
    });
    Array.prototype.slice.call(list.children).forEach(function (li) {
      var id = li.getAttribute("data-question-id");
      if (!keep[id] || items[id] !== li) { // gone, or the server-rendered copy of one drawn here
        list.removeChild(li);
        if (!keep[id]) {
          delete items[id];
        }
      }
    });
  }

  function raiseVotes(questions, data) {
    Object.keys(data.votes || {}).forEach(function (id) {
      var q = questions[id];
      var n = data.votes[id];
      if (q && typeof n === "number" && n > q.votes) {
        q.votes = n;
      }
    });
  }

  window.SalonQA = {
    randomId: randomId,
    caller: caller,
    compareKeys: compareKeys,
    sync: sync,
    raiseVotes: raiseVotes
  };
})();
