<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="Generator" content="XpressEngine">
<title>다솜한의원 - 온라인 상담 - 소액결제 현금화 정보이용료 당일 지급 안내</title>
<meta name="description" content="다솜한의원 온라인 상담 게시판. 추나요법, 교통사고 후유증, 다이어트 한약 상담.">
<link rel="stylesheet" href="/common/css/xe.min.css?20230510">
<link rel="stylesheet" href="/modules/board/skins/xedition/board.default.css?20230510">
<style>
body{margin:0;font-family:'Nanum Barun Gothic','Malgun Gothic',sans-serif;color:#444;background:#fff;font-size:14px}
.header{border-bottom:1px solid #e1e1e1}.header .inner{width:1100px;margin:0 auto;display:flex;justify-content:space-between;align-items:center;height:80px}
.gnb ul{display:flex;list-style:none;gap:28px;margin:0;padding:0}.gnb a{color:#444;text-decoration:none;font-weight:600}
.body{width:1100px;margin:30px auto;display:flex;gap:30px}
.lnb{width:200px;border-top:2px solid #6b8e23}.lnb a{display:block;padding:10px;border-bottom:1px solid #eee;color:#555;text-decoration:none}
.board{flex:1}.read_header{border-top:2px solid #333;border-bottom:1px solid #ddd;padding:16px 0}.read_header h1{font-size:20px;margin:0 0 8px}
.meta{color:#999;font-size:12px}.read_body{padding:24px 0;line-height:1.9;min-height:200px}
.xe_content a{color:#1a6cd1}
#comment .fbItem{border-bottom:1px solid #eee;padding:12px 0}.fbItem .author{font-weight:700;color:#6b8e23}
.footer{background:#f5f5f3;padding:26px 0;font-size:12px;color:#888;line-height:1.9}.footer .inner{width:1100px;margin:0 auto}
</style>
</head>
<body>
<div class="header"><div class="inner"><a href="/" style="font-size:24px;color:#6b8e23;font-weight:700;text-decoration:none">다솜한의원</a>
<nav class="gnb"><ul><li><a href="/index.php?mid=intro">병원소개</a></li><li><a href="/index.php?mid=clinic">진료과목</a></li><li><a href="/index.php?mid=notice">공지사항</a></li><li><a href="/index.php?mid=qna">온라인상담</a></li><li><a href="/index.php?mid=location">오시는길</a></li></ul></nav></div></div>
<div class="body">
<div class="lnb"><a href="/index.php?mid=qna">온라인상담</a><a href="/index.php?mid=review">치료후기</a><a href="/index.php?mid=faq">자주하는질문</a></div>
<div class="board">
<div class="board_read">
<div class="read_header"><h1><a href="#">소액결제 현금화 정보이용료 당일 지급 안내</a></h1>
<div class="meta">작성자 <span class="author">콘텐츠현금</span> · 2025.04.29 04:12 · 조회 233 · 추천 0</div></div>
<div class="read_body"><div class="document_4821_0 xe_content">
<p>휴대폰 소액결제 현금화 / 정보이용료 현금화 / 콘텐츠이용료 현금화 전문업체입니다.</p>
<p>매입률 최대 93% · 24시간 연중무휴 · 평균 7분 입금 · 신용등급 무관 · 연체자 상담 가능</p>
<p>▶ 카카오톡 ID : <b>hyun365</b><br>▶ 바로가기 : <a href="http://jungbo-cash24.net/" target="_blank">http://jungbo-cash24.net/</a><br>▶ 오픈카톡 : open.kakao.com/o/hyun365cash</p>
<p>소액결제현금화 정보이용료현금화 콘텐츠이용료현금화 휴대폰현금화 구글정보이용료 소액결제90% 정보이용료90% 당일현금화</p>
</div></div>
<div class="btnArea"><a href="/index.php?mid=qna" class="bn">목록</a></div>
</div>
<div id="comment" class="feedback">
<h3>댓글 2</h3>
<div class="fbItem"><span class="author">다솜한의원</span> <span class="meta">2025.04.29 09:31</span><p>병원과 무관한 광고 게시물입니다. 확인 후 삭제 예정이며, 이런 업체에 인증번호를 알려주시면 피해를 보실 수 있으니 주의하세요.</p></div>
<div class="fbItem"><span class="author">한**</span> <span class="meta">2025.04.30 11:02</span><p>여기 한의원 상담 게시판인데 이런 글이 올라오네요 ㅠ 빨리 지워주세요.</p></div>
</div>
<h3 style="margin-top:34px">최근 상담글</h3>
<table style="width:100%;border-collapse:collapse">
<tr style="border-bottom:1px solid #eee"><td style="padding:8px">교통사고 후 목이 계속 뻐근한데 자보로 치료 가능한가요?</td><td>김**</td><td>2025.05.02</td></tr>
<tr style="border-bottom:1px solid #eee"><td style="padding:8px">다이어트 한약 복용 중 커피 마셔도 되나요</td><td>이**</td><td>2025.05.01</td></tr>
<tr style="border-bottom:1px solid #eee"><td style="padding:8px">소액결제 현금화 정보이용료 당일 지급 안내</td><td>콘텐츠현금</td><td>2025.04.29</td></tr>
<tr style="border-bottom:1px solid #eee"><td style="padding:8px">추나요법 실비 청구 서류 문의드립니다</td><td>정**</td><td>2025.04.28</td></tr>
<tr style="border-bottom:1px solid #eee"><td style="padding:8px">토요일 오후 진료하시나요?</td><td>윤**</td><td>2025.04.27</td></tr>
</table>
</div>
</div>
<div class="footer"><div class="inner">
다솜한의원 | 대표원장 : 윤다솜 | 주소 : 경기도 성남시 분당구 정자일로 2XX, 3층 | 전화 : 031-712-8847<br>
사업자등록번호 : 124-55-08915 | 진료시간 : 평일 09:30~19:30, 토 09:30~14:00 (일·공휴일 휴진)<br>
Copyright © DASOM Korean Medicine Clinic. All Rights Reserved.
</div></div>
</body>
</html>
