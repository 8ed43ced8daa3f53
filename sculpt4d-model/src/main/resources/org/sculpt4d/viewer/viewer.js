// The sculpt4d viewer page (written by org.sculpt4d.viewer.ViewerPage): the input frames and the generated meshes
// side by side, a time slider and a play button; the mesh turns with the mouse (three.js OrbitControls).
//
// Browsers refuse module imports and fetch() from file:// pages, so everything arrives through classic scripts:
// window.SCULPT4D_VIEW holds the sequence (meshes as base64 little-endian Float32/Uint32 arrays) and
// window.SCULPT4D_THREE holds three.js's ES modules as source text, which are imported here from blob: URLs with
// their import specifiers pointed at each other's blob URLs.
'use strict';
(async function () {
  const view = window.SCULPT4D_VIEW;
  const slider = document.getElementById('slider');
  const play = document.getElementById('play');
  const input = document.getElementById('input');
  const panel = document.getElementById('mesh-panel');
  const frameCount = view.frames.length;

  async function importThree(sources) {
    const blobUrl = code => URL.createObjectURL(new Blob([code], {type: 'text/javascript'}));
    const core = blobUrl(sources['three.core.js']);
    const three = blobUrl(sources['three.module.js'].replaceAll("'./three.core.js'", JSON.stringify(core)));
    const controls = blobUrl(sources['OrbitControls.js'].replaceAll("from 'three'", 'from ' + JSON.stringify(three)));
    return [await import(three), (await import(controls)).OrbitControls];
  }

  function decode(base64, ArrayType) {
    const text = atob(base64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return new ArrayType(bytes.buffer);
  }

  const [THREE, OrbitControls] = await importThree(window.SCULPT4D_THREE);

  const renderer = new THREE.WebGLRenderer({antialias: true});
  renderer.setPixelRatio(window.devicePixelRatio);
  panel.prepend(renderer.domElement);
  const scene = new THREE.Scene();
  scene.background = new THREE.Color(0x20242a);
  const camera = new THREE.PerspectiveCamera(35, 1, 0.01, 100);
  scene.add(camera);
  scene.add(new THREE.HemisphereLight(0xffffff, 0x404048, 1.2));
  const light = new THREE.DirectionalLight(0xffffff, 2.0);
  light.position.set(1, 1.5, 2);
  camera.add(light); // the light follows the view, so every side the user turns to is lit
  const material = new THREE.MeshStandardMaterial({color: 0xc8b49c, roughness: 0.85, side: THREE.DoubleSide});

  // One mesh object per frame (null where the frame has no surface); the joint box frames the whole sequence.
  const box = new THREE.Box3();
  const meshes = view.frames.map(frame => {
    if (!frame.mesh) return null;
    const geometry = new THREE.BufferGeometry();
    geometry.setAttribute('position', new THREE.BufferAttribute(decode(frame.mesh.positions, Float32Array), 3));
    geometry.setIndex(new THREE.BufferAttribute(decode(frame.mesh.faces, Uint32Array), 1));
    geometry.computeVertexNormals();
    geometry.computeBoundingBox();
    box.union(geometry.boundingBox);
    const mesh = new THREE.Mesh(geometry, material);
    mesh.visible = false;
    scene.add(mesh);
    return mesh;
  });
  const center = box.isEmpty() ? new THREE.Vector3() : box.getCenter(new THREE.Vector3());
  const radius = box.isEmpty() ? 1 : Math.max(box.getSize(new THREE.Vector3()).length() / 2, 1e-6);
  const distance = 1.15 * radius / Math.sin(THREE.MathUtils.degToRad(camera.fov / 2));
  camera.position.copy(center).add(new THREE.Vector3(0.45, 0.3, 1).normalize().multiplyScalar(distance));
  camera.near = distance / 100;
  camera.far = distance * 10;
  const controls = new OrbitControls(camera, renderer.domElement);
  controls.target.copy(center);
  controls.update();

  function render() {
    renderer.render(scene, camera);
  }

  function resize() {
    const w = panel.clientWidth, h = panel.clientHeight;
    renderer.setSize(w, h, false);
    camera.aspect = w / Math.max(h, 1);
    camera.updateProjectionMatrix();
    render();
  }

  let current = -1;
  function show(t) {
    t = Math.min(Math.max(t, 0), frameCount - 1);
    if (t === current) return;
    if (current >= 0 && meshes[current]) meshes[current].visible = false;
    current = t;
    const frame = view.frames[t];
    if (meshes[t]) meshes[t].visible = true;
    if (frame.image) input.src = frame.image; else input.removeAttribute('src');
    document.getElementById('input-label').textContent = frame.image ? 'input ' + frame.imageName : 'no input frame';
    document.getElementById('mesh-label').textContent = frame.mesh ? frame.meshName : 'no surface';
    slider.value = t;
    document.getElementById('status').textContent = 'frame ' + (t + 1) + ' / ' + frameCount
        + (frame.mesh ? ' · ' + frame.mesh.triangles + ' triangles' : '');
    render();
  }

  let timer = null;
  function setPlaying(on) {
    clearInterval(timer);
    timer = on ? setInterval(() => show((current + 1) % frameCount), 1000 / view.fps) : null;
    play.textContent = on ? 'Pause' : 'Play';
  }

  // index.html#frame=N opens at frame N (0-based)
  function frameFromHash() {
    const match = /(?:^#|&)frame=(\d+)/.exec(window.location.hash);
    return match ? Number(match[1]) : 0;
  }

  slider.max = frameCount - 1;
  slider.addEventListener('input', () => { setPlaying(false); show(Number(slider.value)); });
  play.addEventListener('click', () => setPlaying(timer === null));
  window.addEventListener('hashchange', () => show(frameFromHash()));
  controls.addEventListener('change', render);
  new ResizeObserver(resize).observe(panel);
  resize();
  show(frameFromHash());
})().catch(e => {
  document.getElementById('status').textContent = 'viewer failed: ' + e;
});
