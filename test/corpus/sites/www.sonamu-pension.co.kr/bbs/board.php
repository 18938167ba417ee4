<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>방명록 1 페이지 | 가평 소나무숲 펜션</title>
<meta name="description" content="가평 청평호 소나무숲 펜션 방명록. 다녀가신 분들의 이야기를 남겨주세요. 독채 바비큐 계곡 펜션.">
<link rel="stylesheet" href="http://www.sonamu-pension.co.kr/theme/pension/css/default.css?ver=191202">
<link rel="stylesheet" href="http://www.sonamu-pension.co.kr/skin/board/basic/style.css?ver=191202">
<style>
body{margin:0;font-family:'Nanum Myeongjo','Malgun Gothic',serif;background:#f3efe6;color:#3b3325;font-size:13px}
#hd{background:url(/theme/pension/img/hd_bg.jpg) #2f4b2f;color:#fff;text-align:center;padding:28px 0 0}
#hd h1{margin:0 0 18px;font-size:28px;letter-spacing:2px}
#gnb ul{list-style:none;margin:0;padding:0;display:flex;justify-content:center;background:rgba(0,0,0,.3)}#gnb a{display:block;color:#fff;padding:12px 22px;text-decoration:none}
#container{width:960px;margin:24px auto;background:#fff;padding:24px;box-sizing:border-box}
.bo_tit{font-size:20px;border-bottom:2px solid #2f4b2f;padding-bottom:8px}
.cmt{border-bottom:1px dotted #c9bfa8;padding:14px 6px}
.cmt .info{color:#8a7d63;font-size:12px;margin-bottom:6px}.cmt .info b{color:#2f4b2f}
.cmt .reply{margin:8px 0 0 24px;background:#f7f4ec;padding:8px 12px;border-left:3px solid #2f4b2f}
.pg_wrap{text-align:center;margin:16px 0}.pg_wrap a{margin:0 4px;color:#2f4b2f}
#ft{background:#2b2418;color:#a99c80;font-size:12px;line-height:1.9;padding:22px 0;text-align:center}
</style>
</head>
<body>
<div id="hd"><h1>가평 소나무숲 펜션</h1>
<nav id="gnb"><ul><li><a href="/">HOME</a></li><li><a href="/room.php">객실안내</a></li><li><a href="/reserve.php">실시간예약</a></li><li><a href="/around.php">주변관광</a></li><li><a href="/bbs/board.php?bo_table=notice">공지사항</a></li><li><a href="/bbs/board.php?bo_table=guest">방명록</a></li><li><a href="/map.php">오시는길</a></li></ul></nav></div>
<div id="container">
<h2 class="bo_tit">방명록</h2>
<p style="color:#8a7d63">다녀가신 이야기, 궁금한 점을 자유롭게 남겨주세요. 예약 문의는 전화(031-584-2747)가 가장 빠릅니다.</p>
<div id="bo_gall">
<article class="cmt"><div class="info"><b>지우맘</b> · 25-05-18 21:14 · 조회 12</div>
지난 주말 아이들이랑 솔향기동 묵었어요. 계곡이 바로 앞이라 애들이 물놀이하느라 해 지는 줄 몰랐네요. 사장님이 장작도 넉넉히 챙겨주셔서 불멍 제대로 했습니다. 가을에 또 올게요~
<div class="reply">└ <b>소나무숲</b> : 지우네 가족 반가웠습니다^^ 가을엔 단풍이 더 예뻐요. 꼭 다시 오세요!</div></article>
<article class="cmt"><div class="info"><b>박경호</b> · 25-05-16 09:03 · 조회 8</div>
6월 셋째 주 주말에 8명 단체 가능한 객실 있을까요? 바비큐 그릴 두 개 쓸 수 있는지도 궁금합니다.
<div class="reply">└ <b>소나무숲</b> : 안녕하세요. 단체동(잣나무동) 최대 10인 가능하고 그릴은 2개 준비해 드립니다. 전화 주시면 자세히 안내드릴게요.</div></article>
<article class="cmt"><div class="info"><b>급전해결</b> · 25-05-15 03:41 · 조회 57</div>
<b>★소액결제현금화 정보이용료현금화 최고 95% 당일입금★</b><br>
휴대폰 한도 남으신 분들 현금으로 바꿔드립니다. 신용조회 없음 / 연체자 가능 / 24시간 5분입금<br>
카톡 : <b>cash7942</b> ☞ 상담 바로가기 <a href="http://barocash95.com/" target="_blank">barocash95.com</a><br>
구글기프트카드 현금화 · 콘텐츠이용료 현금화 · 폰깡 · 모바일깡 전문 업체 안전거래 보장</article>
<article class="cmt"><div class="info"><b>캠핑러버</b> · 25-05-11 19:27 · 조회 15</div>
주차장에서 객실까지 거리가 조금 있는데 카트가 있어서 편했어요. 온수도 잘 나오고 침구 깨끗했습니다. 다만 네비에 주소 찍으면 뒷길로 안내해서 좀 헤맸어요. 오시는 분들 참고하세요.
<div class="reply">└ <b>소나무숲</b> : 불편 드려 죄송합니다. 오시는길 페이지에 큰길 경로를 새로 올려두었습니다. 감사합니다!</div></article>
<article class="cmt"><div class="info"><b>모바일깡</b> · 25-05-09 02:18 · 조회 41</div>
[휴대폰 소액결제 현금화] 정보이용료 콘텐츠이용료 90~95% 총알입금. 미납/신불자 상담가능. 대출아님 합법업체.<br>
ㅋ톡 상담 ◈mpay24◈ 텔레 @mpay24cash / open.kakao.com/o/mPay24go</article>
<article class="cmt"><div class="info"><b>이선영</b> · 25-05-04 22:50 · 조회 10</div>
어버이날 앞두고 부모님 모시고 다녀왔어요. 1층 객실이라 계단 없어서 좋았고 아침에 새소리에 깼네요. 다음엔 형제들 다 같이 올게요.</article>
</div>
<div class="pg_wrap"><strong>1</strong><a href="?bo_table=guest&page=2">2</a><a href="?bo_table=guest&page=3">3</a><a href="?bo_table=guest&page=4">4</a><a href="?bo_table=guest&page=5">5</a><a href="?bo_table=guest&page=38">맨끝</a></div>
<p style="text-align:right"><a href="./write.php?bo_table=guest" style="background:#2f4b2f;color:#fff;padding:7px 16px;text-decoration:none">글쓰기</a></p>
</div>
<div id="ft">
상호 : 소나무숲펜션 | 대표 : 최명길 | 주소 : 경기도 가평군 청평면 호반로 10XX<br>
사업자등록번호 : 617-09-33748 | 통신판매업신고 : 제2014-경기가평-0087호 | 예약문의 031-584-2747 / 010-5234-1947<br>
농협 351-1029-4715XX-XX 최명길 | 이메일 sonamu@sonamu-pension.co.kr | 개인정보관리책임자 : 최명길<br>
Copyright © 소나무숲펜션 All rights reserved. 호스팅 : 카페24
</div>
</body>
</html>
