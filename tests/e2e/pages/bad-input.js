// The host page's own behaviour, to show it still responds while a widget is in trouble.
const pings = document.getElementById('pings');
document.getElementById('host-ping').addEventListener('click', () => {
  pings.value = String(Number(pings.value) + 1);
});
