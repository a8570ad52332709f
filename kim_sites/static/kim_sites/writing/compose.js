// Tulis berita: each photo chosen is scaled down in the browser (long side data-max-edge px,
// JPEG at data-quality), put back in the file input, and shown with its cover choice and
// descriptions. Without this script the form still works; the server scales photos down too.
(() => {
  "use strict";
  const form = document.querySelector("[data-kim-compose]");
  if (!form) return;
  const input = form.querySelector('input[type="file"][name="photos"]');
  const list = form.querySelector("[data-kim-photos]");
  const status = form.querySelector("[data-kim-photo-status]");
  const template = document.querySelector("[data-kim-photo-template]");
  const maxEdge = Number(form.dataset.maxEdge) || 1600;
  const quality = Number(form.dataset.quality) || 0.82;
  let pending = null;
  let sending = false;

  const kilobytes = (bytes) => `${Math.max(1, Math.round(bytes / 1024)).toLocaleString("id-ID")} KB`;

  async function scaled(file) {
    if (!file.type.startsWith("image/") || file.type === "image/gif" || !window.createImageBitmap) return file;
    let bitmap;
    try {
      // imageOrientation "from-image": a phone photo taken upright stays upright.
      bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
    } catch (error) {
      return file; // not an image the browser reads: the server answers for it
    }
    const edge = Math.max(bitmap.width, bitmap.height);
    if (edge <= maxEdge) {
      bitmap.close();
      return file;
    }
    const ratio = maxEdge / edge;
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(bitmap.width * ratio);
    canvas.height = Math.round(bitmap.height * ratio);
    canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", quality));
    if (!blob || blob.size >= file.size) return file;
    const name = `${file.name.replace(/\.[^.]*$/, "") || "foto"}.jpg`;
    return new File([blob], name, { type: "image/jpeg", lastModified: file.lastModified });
  }

  function show(files, originals) {
    list.replaceChildren();
    files.forEach((file, index) => {
      const item = template.content.firstElementChild.cloneNode(true);
      const image = item.querySelector("img");
      image.src = URL.createObjectURL(file);
      image.alt = `Pratinjau foto ${index + 1}`;
      const size = item.querySelector("[data-size]");
      size.textContent =
        file.size < originals[index].size
          ? `Foto ${index + 1}: ${kilobytes(originals[index].size)} → ${kilobytes(file.size)}`
          : `Foto ${index + 1}: ${kilobytes(file.size)}`;
      const cover = item.querySelector('input[name="cover"]');
      cover.value = String(index);
      cover.checked = index === 0;
      item.querySelectorAll("[data-name]").forEach((field) => {
        field.name = `${field.dataset.name}-${index}`;
        field.id = `id_${field.name}`;
        item.querySelector(`[data-for="${field.dataset.name}"]`).htmlFor = field.id;
      });
      list.append(item);
    });
  }

  async function prepare() {
    const originals = Array.from(input.files);
    if (!originals.length) {
      list.replaceChildren();
      return;
    }
    status.textContent = "Memperkecil foto…";
    const files = [];
    for (const file of originals) files.push(await scaled(file));
    if (window.DataTransfer) {
      const transfer = new DataTransfer();
      files.forEach((file) => transfer.items.add(file));
      input.files = transfer.files;
    }
    show(files, originals);
    status.textContent = files.length === 1 ? "1 foto siap dikirim." : `${files.length} foto siap dikirim.`;
    form.dataset.photosReady = String(files.length);
  }

  input.addEventListener("change", () => {
    delete form.dataset.photosReady;
    pending = prepare().finally(() => {
      pending = null;
    });
  });

  form.addEventListener("submit", (event) => {
    if (pending) {
      // Still scaling: send once the smaller files are in the input.
      event.preventDefault();
      const submitter = event.submitter;
      pending.then(() => form.requestSubmit(submitter));
      return;
    }
    if (sending) {
      event.preventDefault();
      return;
    }
    sending = true;
    status.textContent = input.files.length ? "Mengirim berita dan foto…" : "";
  });
  // Back from the browser's cache: the form may be sent again.
  window.addEventListener("pageshow", () => {
    sending = false;
  });
})();
