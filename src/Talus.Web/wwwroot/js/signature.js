// Drawn signature for consent forms (progressive enhancement). Without script the typed name and "I agree" suffice.
// Strokes are kept as [[[x, y], ...], ...] in canvas units (600 × 200) in the hidden input named by data-signature.
(() => {
  for (const box of document.querySelectorAll('[data-signature]')) {
    const canvas = box.querySelector('canvas');
    const output = document.getElementById(box.dataset.signature);
    const clear = box.querySelector('button[data-clear]');
    const ctx = canvas.getContext('2d');
    const strokes = [];
    let current = null;
    box.hidden = false;

    const point = (e) => {
      const r = canvas.getBoundingClientRect();
      const x = Math.min(canvas.width, Math.max(0, (e.clientX - r.left) * canvas.width / r.width));
      const y = Math.min(canvas.height, Math.max(0, (e.clientY - r.top) * canvas.height / r.height));
      return [Math.round(x * 10) / 10, Math.round(y * 10) / 10];
    };
    const draw = () => {
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      ctx.lineWidth = 3; ctx.lineCap = 'round'; ctx.lineJoin = 'round'; ctx.strokeStyle = '#1b2a33';
      for (const s of strokes) {
        ctx.beginPath();
        s.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
        if (s.length === 1) ctx.lineTo(s[0][0] + 0.1, s[0][1]);
        ctx.stroke();
      }
    };
    const save = () => { output.value = strokes.length ? JSON.stringify(strokes) : ''; };

    canvas.addEventListener('pointerdown', (e) => {
      e.preventDefault();
      canvas.setPointerCapture(e.pointerId);
      current = [point(e)];
      strokes.push(current);
      draw();
    });
    canvas.addEventListener('pointermove', (e) => {
      if (!current) return;
      current.push(point(e));
      draw();
    });
    const end = () => { if (current) { current = null; save(); } };
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', end);
    clear?.addEventListener('click', () => { strokes.length = 0; draw(); save(); });
  }
})();
