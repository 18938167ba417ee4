<!DOCTYPE html>
<html lang="ko"><head><meta charset="utf-8"><title>중2 아들 폰요금에 정보이용료 48만원... 이게 뭔가요? :: 똑똑부모</title>
<style>body{margin:0;font-family:'Malgun Gothic',sans-serif;font-size:14px;background:#f3f6f9;color:#333}#hd{background:#3d8bd9;color:#fff;padding:13px 28px;font-size:19px}#w{width:860px;margin:16px auto}.q,.a{background:#fff;border:1px solid #dde5ee;border-radius:6px;padding:16px 22px;margin-bottom:10px}.n{color:#999;font-size:11px}p{line-height:1.85}#ft{text-align:center;font-size:11px;color:#888;padding:18px}</style></head>
<body><div id="hd">똑똑부모 · 초중고 학부모 커뮤니티</div>
<div id="w">
<div class="q"><h3>중2 아들 폰요금에 정보이용료 48만원... 이게 뭔가요?</h3>
<p>이번 달 아이 휴대폰 요금이 55만원이 나왔어요. 명세서를 보니 '정보이용료'로 48만원이 잡혀 있는데, 아이는 게임 아이템 조금 산 거 말고는 모른다고만 해요. 결제 내역 보니 같은 날 밤에 10만원짜리 상품권이 몇 번이나 결제돼 있고요. 해킹일까요? 너무 당황스러워서 글 올려요.</p>
<p class="n">서윤맘 · 2025.10.08 · 조회 3,102</p></div>
<div class="a"><p>저희 집도 작년에 비슷한 일 있었어요. 같은 날 밤에 상품권이 여러 번 결제됐다면 해킹보다는 아이가 누군가한테 상품권을 넘겼을 가능성이 커요. 요즘 SNS에 "폰으로 결제만 하면 용돈 바로 준다" 같은 글이 돌아서 아이들이 호기심에 연락하는 경우가 있더라고요. 상품권 번호를 넘기면 일부만 돈으로 돌려받거나, 아예 한 푼도 못 받기도 하고요.</p><p>저희 아이는 10만원 결제해 주고 6만원 받았대요. 나머지는 요금으로 고스란히 나왔고요.</p><p class="n">지안아빠 · 2025.10.08</p></div>
<div class="a"><p>일단 혼내기 전에 차분하게 물어보세요. 아이들도 겁나서 처음엔 모른다고 하더라고요. 그리고 통신사 앱에서 결제 상세 내역(어느 가맹점인지)을 꼭 확인해 보시고, 아이 폰은 소액결제 한도를 0원이나 최소로 바꿔 두세요. 저는 그 뒤로 부모 동의 없이는 결제 못 하게 막아 놨어요.</p><p class="n">두아이맘 · 2025.10.08</p></div>
<div class="a"><p>상품권 결제된 가맹점 쪽에 사용 여부랑 취소 가능한지도 문의해 보세요. 아직 안 쓴 상품권이면 취소되는 경우도 있다고 들었어요.</p><p class="n">하람엄마 · 2025.10.09</p></div>
<div class="a"><p>(글쓴이) 다들 감사해요. 아이랑 얘기해 보니 인스타 광고 보고 연락했다네요... 한도부터 낮췄어요.</p><p class="n">서윤맘 · 2025.10.09</p></div>
</div>
<div id="ft">똑똑부모 | (주)패밀리넷 | 대표이사 윤정호 | 서울 송파구 올림픽로 300, 12층 | 사업자등록번호 215-86-40914 | 통신판매업신고 제2015-서울송파-0871호 | 고객센터 02-6951-3300 | help@ttokttok-parents.co.kr<br><a href="/terms">이용약관</a> · <a href="/privacy">개인정보처리방침</a> (개인정보보호책임자 김서진)</div>
</body></html>