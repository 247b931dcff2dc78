/* The privacy notice on the first page a trainee opens, until « J'ai compris »: what the
 * course keeps, where, why, for how long, how to erase it. The text is rules/privacy.py's,
 * carried by the profile script (window.PmesPrivacyTexts), the same as in JupyterLab and
 * in the trainee guide. */
(function (root) {
  "use strict";
  var SEEN = "pmesocial-avis-donnees";
  var texts = root.PmesPrivacyTexts;
  function fill(text) { return text.split("{ici}").join(texts.here); }
  // refused by the browser, « J'ai compris » is kept for this tab by ui/storage.js
  function get() { return root.PmesStorage.get(SEEN); }
  function set(value) { root.PmesStorage.set(SEEN, value, ""); }
  function showNotice() {
    if (!texts || get() === String(texts.notice.version)) return;
    root.PmesNotice.show({ id: "pmes-privacy-notice", className: "pmes-privacy-notice", floating: true, title: texts.notice.title,
                           summary: fill(texts.notice.summary), more: texts.notice.more,
                           paragraphs: texts.notice.paragraphs.map(fill), ok: texts.notice.ok,
                           onOk: function () { set(String(texts.notice.version)); } });
  }
  root.PmesPrivacy = { texts: texts, fill: fill, SEEN: SEEN };
  root.PmesNotice.whenReady(showNotice);
})(this);
