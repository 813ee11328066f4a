(function () {
  /* the copy button of a notice page's 分享到微信群 box (hcomm, issue 11 item 1) */
  var box = document.getElementById("hc-share-text");
  var button = document.getElementById("hc-share-copy");
  var status = document.getElementById("hc-share-status");
  if (!box || !button || !status) { return; }
  function say(text) { status.textContent = text; }
  function selectAll() {
    box.focus();
    box.select();
    try { box.setSelectionRange(0, box.value.length); } catch (e) { /* old browsers */ }
  }
  function fallback() {
    selectAll();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
    say(copied ? "已复制，可以粘贴到微信群了。" : "文字已全部选中：请长按选中的文字，再点“复制”。");
  }
  button.addEventListener("click", function () {
    if (navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext) {
      navigator.clipboard.writeText(box.value).then(function () {
        say("已复制，可以粘贴到微信群了。");
      }, fallback);
    } else {
      fallback();
    }
  });
})();
