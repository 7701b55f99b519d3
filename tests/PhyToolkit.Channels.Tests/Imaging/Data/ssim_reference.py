# Independent SSIM reference for ImageMetricsTests: a pure-Python transcription of scikit-image's
# structural_similarity (skimage/metrics/_structural_similarity.py, v0.19+ defaults): win_size=7, K1=0.01, K2=0.03,
# data_range=1, use_sample_covariance=True, gaussian_weights=False; uniform_filter in scipy's 'reflect' mode
# (half-sample symmetric), then the mean over the map cropped by pad=(7-1)//2 on every side.
# Run: /usr/bin/python3 ssim_reference.py   (no numpy needed)
import math

H, W = 12, 10

def image_a(i, j):
    return ((i * 7 + j * 3) % 11) / 10.0

def image_b(i, j):
    v = image_a(i, j) + 0.15 * math.sin(i + 2 * j) - 0.05
    return min(1.0, max(0.0, v))

def reflect(k, n):
    # scipy.ndimage mode='reflect': d c b a | a b c d | d c b a
    while k < 0 or k >= n:
        k = -k - 1 if k < 0 else 2 * n - k - 1
    return k

def uniform_filter(img, size=7):
    r = size // 2
    out = [[0.0] * W for _ in range(H)]
    for i in range(H):
        for j in range(W):
            s = 0.0
            for di in range(-r, r + 1):
                for dj in range(-r, r + 1):
                    s += img[reflect(i + di, H)][reflect(j + dj, W)]
            out[i][j] = s / (size * size)
    return out

X = [[image_a(i, j) for j in range(W)] for i in range(H)]
Y = [[image_b(i, j) for j in range(W)] for i in range(H)]
NP = 49
cov_norm = NP / (NP - 1)
ux = uniform_filter(X); uy = uniform_filter(Y)
uxx = uniform_filter([[X[i][j] * X[i][j] for j in range(W)] for i in range(H)])
uyy = uniform_filter([[Y[i][j] * Y[i][j] for j in range(W)] for i in range(H)])
uxy = uniform_filter([[X[i][j] * Y[i][j] for j in range(W)] for i in range(H)])
C1 = (0.01 * 1) ** 2; C2 = (0.03 * 1) ** 2
pad = 3
total = 0.0; count = 0
for i in range(pad, H - pad):
    for j in range(pad, W - pad):
        vx = cov_norm * (uxx[i][j] - ux[i][j] ** 2)
        vy = cov_norm * (uyy[i][j] - uy[i][j] ** 2)
        vxy = cov_norm * (uxy[i][j] - ux[i][j] * uy[i][j])
        A1 = 2 * ux[i][j] * uy[i][j] + C1; A2 = 2 * vxy + C2
        B1 = ux[i][j] ** 2 + uy[i][j] ** 2 + C1; B2 = vx + vy + C2
        total += A1 * A2 / (B1 * B2); count += 1
print(repr(total / count))
