// django-celery-beat's periodic task form (admin): shows the chosen crontab in words under the field.
// Its template does this in an inline script, which the Content-Security-Policy refuses.
(function ($) {
  "use strict";
  var readableCrontabs = JSON.parse($("#readable-crontabs").text());
  var help = $(".field-crontab .help");
  var originalHelp = help.html();

  $(".field-crontab_translation").hide();
  $(".field-crontab").change(function () {
    var readable = readableCrontabs[$("#id_crontab").val()];
    help.html(originalHelp + "<br>").append(document.createTextNode("Translation: " + (readable || "")));
  });
})(django.jQuery);
