// A QR code a phone can scan to carry a link away from the counter or kiosk. Rendered as SVG
// on the device: nothing to download, works offline.
import { renderSVG } from 'uqr';

export function QrCode({ value, label }: { value: string; label: string }) {
  const svg = renderSVG(value, { border: 2 });
  return (
    <img
      className="qr-code"
      src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
      alt={label}
      width={180}
      height={180}
    />
  );
}
