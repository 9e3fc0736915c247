document.getElementById("channels").innerHTML =
  '<li class="channel"><a href="tel:+358400001234">040 0001234</a></li>';
